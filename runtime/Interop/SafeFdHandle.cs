using Microsoft.Win32.SafeHandles;

namespace TypedAlg.Runtime.Interop;

/// <summary>A file descriptor that is closed exactly once, even when an operation on another thread still uses it.</summary>
internal sealed class SafeFdHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller for returned descriptors.</summary>
    public SafeFdHandle()
        : base(ownsHandle: true)
    {
    }

    internal SafeFdHandle(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    /// <summary>Descriptor 0 is valid in principle, but never one of ours: AF_ALG sockets are opened after stdin.</summary>
    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;
}
