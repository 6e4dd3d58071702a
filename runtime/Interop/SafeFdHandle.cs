using Microsoft.Win32.SafeHandles;

namespace TypedAlg.Runtime.Interop;

/// <summary>A file descriptor that is closed exactly once, even when an operation on another thread still uses it.</summary>
internal sealed class SafeFdHandle : SafeHandleMinusOneIsInvalid
{
    internal SafeFdHandle(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    // Descriptor 0 is a valid socket when a daemon runs with stdin closed: only -1 is invalid.
    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;
}
