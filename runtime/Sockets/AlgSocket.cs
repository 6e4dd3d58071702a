using System.Runtime.InteropServices;
using TypedAlg.Runtime.Interop;
using static TypedAlg.Runtime.Interop.AlgConstants;

namespace TypedAlg.Runtime;

/// <summary>
/// The bound half of an AF_ALG socket pair, libkcapi's <c>tfmfd</c>: socket + bind + the options that live on the
/// transform (key, tag size, DRBG seed). <see cref="Accept"/> gives the operation half (<see cref="AlgOpSocket"/>,
/// libkcapi's <c>opfd</c>). Options must be set before the first accept (a key change after it is EBUSY).
/// </summary>
internal sealed unsafe class AlgSocket : IDisposable
{
    private readonly SafeFdHandle _fd;

    private AlgSocket(SafeFdHandle fd, string type, string algorithm, DriverSelection driver)
    {
        _fd = fd;
        Type = type;
        Algorithm = algorithm;
        Driver = driver;
    }

    internal string Type { get; }

    /// <summary>The name bound: the pinned driver's when there is one.</summary>
    internal string Algorithm { get; }

    /// <summary>What was asked for at bind.</summary>
    internal DriverSelection Driver { get; }

    /// <summary>
    /// The driver serving this socket, read from /proc/crypto while it is bound (so a module loaded on demand is listed):
    /// the pinned one, else the highest-priority implementation of the name, as the kernel picks. Null when unlisted.
    /// </summary>
    internal ProcCryptoEntry? ReadServingDriver() => ProcCrypto.Serving(Algorithm, Type, ProcCrypto.Read(), KernelEnvironment.Version);

    /// <summary>
    /// The one setup path, in the order the kernel needs: socket + bind, DRBG test entropy (before the seed uses it),
    /// the key (for a DRBG: the seed), the AEAD tag size, then accept. On failure nothing stays open. The caller has
    /// validated <paramref name="algorithm"/>.
    /// </summary>
    /// <param name="type">The AF_ALG socket type.</param>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="key">The key to set, or <see cref="AlgKey.None"/>.</param>
    /// <param name="tagSize">ALG_SET_AEAD_AUTHSIZE when positive.</param>
    /// <param name="entropy">ALG_SET_DRBG_ENTROPY when not empty.</param>
    /// <param name="driver">The implementation to bind; null for the kernel's choice.</param>
    internal static (AlgSocket Bound, AlgOpSocket Op) OpenAndAccept(
        string type, string algorithm, AlgKey key, int tagSize = 0, ReadOnlySpan<byte> entropy = default, DriverSelection? driver = null)
    {
        var bound = Open(type, algorithm, driver);
        try
        {
            if (!entropy.IsEmpty)
            {
                bound.SetOption(ALG_SET_DRBG_ENTROPY, entropy, AlgCall.SetEntropy);
            }

            key.SetOn(bound);
            if (tagSize > 0)
            {
                bound.SetAuthSize(tagSize);
            }

            return (bound, bound.Accept());
        }
        catch
        {
            bound.Dispose();
            throw;
        }
    }

    /// <summary>Opens and binds a socket; the caller has validated <paramref name="algorithm"/> (the generic name).</summary>
    internal static AlgSocket Open(string type, string algorithm, DriverSelection? driver = null)
    {
        driver ??= DriverSelection.Any;
        if (driver.Driver is { } name)
        {
            SockaddrAlg.ValidateAlgorithmName(name, "driver");
        }

        var bindName = driver.BindName(algorithm);
        if (driver.HardwareOnly && KernelEnvironment.Version >= Kernel.KernelFacts.OffCpuRemovedVersion)
        {
            // Measured on 7.3: the kernel accepts the flag and binds cbc-aes-lib, a CPU driver; "hardware or nothing" must refuse.
            throw DriverError(Errno.ENOENT, AlgCall.Bind, type, algorithm, driver);
        }

        var (fd, errno, call) = Bind(type, bindName, driver.HardwareOnly);
        if (errno != 0)
        {
            throw driver.IsDefault
                ? KernelErrors.Create(errno, call, type, algorithm, new KernelSnapshot())
                : DriverError(errno, call, type, algorithm, driver);
        }

        return new AlgSocket(fd, type, bindName, driver);
    }

    /// <summary>
    /// The error of a pinned bind. A driver name's failed bind loads no module and builds no template, so the generic
    /// name is bound once first: /proc/crypto then lists the implementations the message names (5.10 listed none).
    /// </summary>
    private static Exception DriverError(int errno, AlgCall call, string type, string algorithm, DriverSelection driver)
    {
        if (call == AlgCall.Bind)
        {
            _ = TryBind(type, algorithm);
        }

        return KernelErrors.CreateForDriver(errno, call, type, algorithm, driver, new KernelSnapshot());
    }

    /// <summary>Binds and closes; returns the errno (0 on success) and the call that failed instead of throwing (for probes).</summary>
    internal static (int Errno, AlgCall Call) TryBind(string type, string algorithm, bool hardwareOnly = false)
    {
        var (fd, errno, call) = Bind(type, algorithm, hardwareOnly);
        fd.Dispose();
        return (errno, call);
    }

    /// <summary>ALG_SET_KEY. An empty key seeds a DRBG from the kernel's own entropy.</summary>
    internal void SetKey(ReadOnlySpan<byte> key) => SetOption(ALG_SET_KEY, key, AlgCall.SetKey);

    /// <summary>ALG_SET_KEY_BY_KEY_SERIAL (Linux 6.2+): the kernel takes the key from a keyring key.</summary>
    internal void SetKeySerial(int keySerial)
    {
        ReadOnlySpan<byte> serial = new(&keySerial, sizeof(int));
        var errno = TrySetOption(ALG_SET_KEY_BY_KEY_SERIAL, serial);
        if (errno != 0)
        {
            throw KernelErrors.Create(errno, AlgCall.SetKeySerial, Type, Algorithm, new KernelSnapshot(), keySerial);
        }
    }

    internal AlgOpSocket Accept() => AlgOpSocket.AcceptFrom(_fd, Type, Algorithm);

    /// <summary>
    /// A fresh operation socket in place of one a failed message left unusable (input the kernel still holds would
    /// join the next message; the key stays here). The failed socket is closed either way; when accept fails too
    /// (out of descriptors, or disposed meanwhile) it is returned closed, and the next call reports what is wrong.
    /// </summary>
    internal AlgOpSocket Renew(AlgOpSocket failed)
    {
        try
        {
            var fresh = Accept();
            failed.Dispose();
            return fresh;
        }
        catch (Exception e) when (e is KernelCryptoException or ObjectDisposedException)
        {
            failed.Dispose();
            return failed;
        }
    }

    /// <summary>A second descriptor for the same bound socket (F_DUPFD_CLOEXEC), for an owner that outlives this one.</summary>
    internal AlgSocket Duplicate()
    {
        const int F_DUPFD_CLOEXEC = 1030;
        var fd = new SafeFdHandle(Libc.fcntl(_fd, F_DUPFD_CLOEXEC, 0));
        if (fd.IsInvalid)
        {
            var e = KernelErrors.Last(AlgCall.Accept, Type, Algorithm, new KernelSnapshot());
            fd.Dispose();
            throw e;
        }

        return new AlgSocket(fd, Type, Algorithm, Driver);
    }

    public void Dispose() => _fd.Dispose();

    /// <summary>socket + bind, retried on EINTR; on failure the descriptor is closed and errno says which call failed.</summary>
    private static (SafeFdHandle Fd, int Errno, AlgCall Call) Bind(string type, string algorithm, bool hardwareOnly = false)
    {
        var fd = Libc.socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        if (fd.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            fd.Dispose();
            return (fd, errno, AlgCall.Socket);
        }

        var sa = stackalloc byte[SockaddrAlg.MaxSize];
        var flags = hardwareOnly ? CRYPTO_ALG_KERN_DRIVER_ONLY : 0u;
        var len = SockaddrAlg.Write(new Span<byte>(sa, SockaddrAlg.MaxSize), type, algorithm, flags, flags);
        while (Libc.bind(fd, sa, (uint)len) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                fd.Dispose();
                return (fd, errno, AlgCall.Bind);
            }
        }

        return (fd, 0, AlgCall.Bind);
    }

    /// <summary>ALG_SET_AEAD_AUTHSIZE takes the size as optlen with a NULL optval.</summary>
    private void SetAuthSize(int tagSize)
    {
        while (Libc.setsockopt(_fd, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, null, (uint)tagSize) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                throw KernelErrors.Create(errno, AlgCall.SetAuthSize, Type, Algorithm, new KernelSnapshot());
            }
        }
    }

    private void SetOption(int option, ReadOnlySpan<byte> value, AlgCall call)
    {
        var errno = TrySetOption(option, value);
        if (errno != 0)
        {
            throw KernelErrors.Create(errno, call, Type, Algorithm, new KernelSnapshot());
        }
    }

    private int TrySetOption(int option, ReadOnlySpan<byte> value)
    {
        byte empty = 0;
        fixed (byte* p = value)
        {
            // An empty span has a null pointer; give the kernel a valid address with length 0.
            var ptr = p == null ? &empty : p;
            while (Libc.setsockopt(_fd, SOL_ALG, option, ptr, (uint)value.Length) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    return errno;
                }
            }
        }

        return 0;
    }
}
