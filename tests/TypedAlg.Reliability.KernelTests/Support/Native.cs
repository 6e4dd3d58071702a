using System.Runtime.InteropServices;

namespace TypedAlg.Reliability.KernelTests.Support;

/// <summary>The libc calls the fault tests need to provoke faults (limits, seccomp, keyctl). x86-64 numbers.</summary>
internal static unsafe partial class Native
{
    internal const int RLIMIT_NOFILE = 7;
    internal const int EINTR = 4;
    internal const int EMFILE = 24;
    internal const int EACCES = 13;
    internal const long SYS_keyctl = 250;
    internal const long SYS_seccomp = 317;

    [StructLayout(LayoutKind.Sequential)]
    internal struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setrlimit(int resource, in RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int prctl(int option, nint a2, nint a3, nint a4, nint a5);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial nint syscall(nint number, nint a1, nint a2, nint a3, nint a4, nint a5);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int ioctl(int fd, nuint request, void* argument);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int close(int fd);

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary>KEYCTL_SETPERM: replaces a key's permission mask.</summary>
    internal static void SetKeyPermissions(int serial, uint mask)
    {
        if (syscall((nint)SYS_keyctl, 5, serial, (nint)mask, 0, 0) < 0)
        {
            throw new InvalidOperationException($"keyctl(SETPERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Sets the soft RLIMIT_NOFILE; returns the previous limits.</summary>
    internal static RLimit SetDescriptorLimit(ulong soft)
    {
        if (getrlimit(RLIMIT_NOFILE, out var old) != 0)
        {
            throw new InvalidOperationException($"getrlimit failed: errno {Marshal.GetLastPInvokeError()}");
        }

        RestoreDescriptorLimit(new RLimit { Current = soft, Maximum = old.Maximum });
        return old;
    }

    internal static void RestoreDescriptorLimit(RLimit limit)
    {
        if (setrlimit(RLIMIT_NOFILE, limit) != 0)
        {
            throw new InvalidOperationException($"setrlimit failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
