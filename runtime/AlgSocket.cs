using TypedAlg.Runtime.Interop;
using static TypedAlg.Runtime.Interop.AlgConstants;

namespace TypedAlg.Runtime;

/// <summary>
/// The bound half of an AF_ALG socket pair: socket + bind + the options that live on the transform
/// (key, tag size, DRBG seed). <see cref="Accept"/> gives the operation half. Options must be set before
/// the first accept (a key change after it is EBUSY).
/// </summary>
internal sealed unsafe class AlgSocket : IDisposable
{
    private readonly SafeFdHandle _fd;

    private AlgSocket(SafeFdHandle fd, string type, string algorithm)
    {
        _fd = fd;
        Type = type;
        Algorithm = algorithm;
    }

    internal string Type { get; }

    internal string Algorithm { get; }

    /// <summary>Opens and binds a socket; the caller has validated <paramref name="algorithm"/>.</summary>
    internal static AlgSocket Open(string type, string algorithm)
    {
        SafeFdHandle fd = Libc.socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        if (fd.IsInvalid)
        {
            Exception e = KernelErrors.Last(AlgCall.Socket, type, algorithm);
            fd.Dispose();
            throw e;
        }

        byte* sa = stackalloc byte[SockaddrAlg.MaxSize];
        int len = SockaddrAlg.Write(new Span<byte>(sa, SockaddrAlg.MaxSize), type, algorithm);
        while (Libc.bind(fd, sa, (uint)len) != 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR)
            {
                continue;
            }

            fd.Dispose();
            throw KernelErrors.Create(errno, AlgCall.Bind, type, algorithm);
        }

        return new AlgSocket(fd, type, algorithm);
    }

    /// <summary>Binds and closes; returns the errno (0 on success) and the call that failed instead of throwing (for probes).</summary>
    internal static (int Errno, AlgCall Call) TryBind(string type, string algorithm)
    {
        using SafeFdHandle fd = Libc.socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        if (fd.IsInvalid)
        {
            return (System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), AlgCall.Socket);
        }

        byte* sa = stackalloc byte[SockaddrAlg.MaxSize];
        int len = SockaddrAlg.Write(new Span<byte>(sa, SockaddrAlg.MaxSize), type, algorithm);
        while (Libc.bind(fd, sa, (uint)len) != 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                return (errno, AlgCall.Bind);
            }
        }

        return (0, AlgCall.Bind);
    }

    /// <summary>ALG_SET_KEY. An empty key seeds a DRBG from the kernel's own entropy.</summary>
    internal void SetKey(ReadOnlySpan<byte> key) => SetOption(ALG_SET_KEY, key, AlgCall.SetKey);

    internal void SetKeySerial(int keySerial)
    {
        ReadOnlySpan<byte> serial = new(&keySerial, sizeof(int));
        int errno = TrySetOption(ALG_SET_KEY_BY_KEY_SERIAL, serial);
        if (errno != 0)
        {
            throw KernelErrors.Create(errno, AlgCall.SetKeySerial, Type, Algorithm, keySerial);
        }
    }

    internal void SetEntropy(ReadOnlySpan<byte> entropy) => SetOption(ALG_SET_DRBG_ENTROPY, entropy, AlgCall.SetEntropy);

    /// <summary>ALG_SET_AEAD_AUTHSIZE takes the size as optlen with a NULL optval.</summary>
    internal void SetAuthSize(int tagSize)
    {
        while (Libc.setsockopt(_fd, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, null, (uint)tagSize) != 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                throw KernelErrors.Create(errno, AlgCall.SetAuthSize, Type, Algorithm);
            }
        }
    }

    internal AlgOpSocket Accept() => AlgOpSocket.AcceptFrom(_fd, Type, Algorithm);

    /// <summary>A second descriptor for the same bound socket (F_DUPFD_CLOEXEC), for an owner that outlives this one.</summary>
    internal AlgSocket Duplicate()
    {
        const int F_DUPFD_CLOEXEC = 1030;
        var fd = new SafeFdHandle(Libc.fcntl(_fd, F_DUPFD_CLOEXEC, 0));
        if (fd.IsInvalid)
        {
            Exception e = KernelErrors.Last(AlgCall.Accept, Type, Algorithm);
            fd.Dispose();
            throw e;
        }

        return new AlgSocket(fd, Type, Algorithm);
    }

    public void Dispose() => _fd.Dispose();

    private void SetOption(int option, ReadOnlySpan<byte> value, AlgCall call)
    {
        int errno = TrySetOption(option, value);
        if (errno != 0)
        {
            throw KernelErrors.Create(errno, call, Type, Algorithm);
        }
    }

    private int TrySetOption(int option, ReadOnlySpan<byte> value)
    {
        byte empty = 0;
        fixed (byte* p = value)
        {
            // An empty span has a null pointer; give the kernel a valid address with length 0.
            byte* ptr = p == null ? &empty : p;
            while (Libc.setsockopt(_fd, SOL_ALG, option, ptr, (uint)value.Length) != 0)
            {
                int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    return errno;
                }
            }
        }

        return 0;
    }
}
