using System.Runtime.InteropServices;

namespace TypedAlg.Runtime.Interop;

/// <summary>The libc functions TypedAlg calls. Only this file declares native entry points.</summary>
internal static unsafe partial class Libc
{
    // CoreCLR maps "libc" to the C library's real soname.
    private const string Lib = "libc";

    // socket and accept4 return a C int. Marshalled straight into a SafeHandle, -1 can arrive as 0xFFFFFFFF
    // (the upper half of the register is not defined), which looks valid: the wrappers widen it as an int.
    [LibraryImport(Lib, EntryPoint = "socket", SetLastError = true)]
    private static partial int SocketFd(int domain, int type, int protocol);

    [LibraryImport(Lib, EntryPoint = "accept4", SetLastError = true)]
    private static partial int Accept4Fd(SafeFdHandle fd, nint addr, nint addrlen, int flags);

    /// <summary>socket(2); the handle is invalid on failure (errno in Marshal.GetLastPInvokeError).</summary>
    internal static SafeFdHandle socket(int domain, int type, int protocol) => new(SocketFd(domain, type, protocol));

    /// <summary>accept4(2); the handle is invalid on failure (errno in Marshal.GetLastPInvokeError).</summary>
    internal static SafeFdHandle accept4(SafeFdHandle fd, nint addr, nint addrlen, int flags) => new(Accept4Fd(fd, addr, addrlen, flags));

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int bind(SafeFdHandle fd, byte* addr, uint addrlen);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int setsockopt(SafeFdHandle fd, int level, int optname, byte* optval, uint optlen);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int getsockopt(SafeFdHandle fd, int level, int optname, byte* optval, uint* optlen);

    // The per-operation calls (two per operation) are plain blittable P/Invokes the JIT inlines:
    // - The descriptor is an int: AlgOpSocket keeps it open from Enter to Exit itself (a close that Dispose asks for
    //   meanwhile waits for Exit), so SafeHandle's AddRef/Release (two interlocked operations per call, and a
    //   try/finally around the call, inside which the JIT does not inline a P/Invoke on 64-bit) buys nothing there.
    // - No SetLastError: its marshalling clears errno before every call and copies it out after (three more native
    //   calls). These calls report failure by returning -1, so the caller reads errno with Marshal.GetLastSystemError
    //   right after a -1 instead, the same read at the same point the generated SetLastError code makes (the
    //   runtime preserves errno across the return from preemptive mode).
    // - No [SuppressGCTransition]: send/recv on AF_ALG can block (a full socket buffer, a cipher still waiting for
    //   input, a hash over a megabyte), and a thread in a suppressed transition blocks the garbage collector.
    [LibraryImport(Lib, EntryPoint = "send")]
    internal static partial nint send(int fd, byte* buf, nuint len, int flags);

    [LibraryImport(Lib, EntryPoint = "sendmsg")]
    internal static partial nint sendmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport(Lib, EntryPoint = "recv")]
    internal static partial nint recv(int fd, byte* buf, nuint len, int flags);

    [LibraryImport(Lib, EntryPoint = "recvmsg")]
    internal static partial nint recvmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int pipe2(int* fds, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint vmsplice(SafeFdHandle fd, IoVec* iov, nuint nrSegs, uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint splice(SafeFdHandle fdIn, long* offIn, SafeFdHandle fdOut, long* offOut, nuint len, uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int close(int fd);

    // fcntl(2) is variadic; an int third argument travels in the same register either way (see syscall below).
    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int fcntl(SafeFdHandle fd, int cmd, int arg);

    // syscall(2) is variadic; on x86-64 and arm64 integer arguments travel in the same registers either way.
    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint syscall(nint number, nint a1, nint a2, nint a3, nint a4, nint a5);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int madvise(void* address, nuint length, int advice);

    [LibraryImport(Lib)]
    internal static partial int getpid();
}
