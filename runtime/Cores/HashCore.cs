using System.Security.Cryptography;
using TypedAlg.Runtime.Interop;
using static TypedAlg.Runtime.Interop.AlgConstants;

namespace TypedAlg.Runtime;

/// <summary>
/// An AF_ALG "hash" socket: message digests, HMAC, CMAC. One-shot digests take two system calls
/// (send + recv); incremental updates use MSG_MORE; <see cref="Clone"/> copies a running hash.
/// </summary>
/// <remarks>One instance serves one thread at a time. Static one-shots keep one socket per thread and algorithm.</remarks>
public sealed class HashCore : IHashBackend
{
    /// <summary>
    /// The zero-copy threshold of <see cref="ZeroCopyMode.Auto"/> for hashes: none. hash_sendmsg maps the caller's pages
    /// into the request for send() as well, so a splice saves no copy and adds a system call (6.12 under icount:
    /// hmac(sha256) splice/send 0.99x at 4 KiB, 1.00x from 8 KiB to 1 MiB; bench/README.md).
    /// </summary>
    private const int AutoNeverSplices = int.MaxValue;

    /// <summary>The largest digest size the core accepts.</summary>
    private const int MaxDigestSize = 1024;

    [ThreadStatic]
    private static Dictionary<string, HashCore>? t_cache;

    // The core of this thread's latest one-shot: a generated class passes the same name on every call, so the
    // common case skips the name check and the dictionary (a measurable part of a 16-byte hash).
    [ThreadStatic]
    private static HashCore? t_last;

    private readonly AlgSocket _bound; // keeps the key, so that a failed message can go on with a fresh operation socket
    private AlgOpSocket _op;           // replaced after a failed message
    private bool _pending;
    private bool _appendFailed;

    // Set by the first digest received: that one asks for DigestSize + 1 bytes, so a kernel digest of another size is
    // caught (hash_recvmsg returns min(asked, its size)). Later digests go straight into the caller's DigestSize bytes.
    private bool _digestSizeConfirmed;

    /// <summary>Opens an unkeyed hash such as <c>sha256</c>.</summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="digestSize">
    /// Exactly the algorithm's digest size in bytes. Another size is refused with <see cref="ArgumentException"/> when the
    /// first digest comes back (the kernel reports a longer digest as cut); a digest is never silently truncated.
    /// </param>
    public HashCore(string algorithm, int digestSize)
        : this(Open(algorithm, digestSize, AlgKey.None), digestSize)
    {
    }

    /// <summary>Opens a keyed hash such as <c>hmac(sha256)</c> or <c>cmac(aes)</c>; the key is set before accept.</summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="digestSize">Exactly the algorithm's MAC size in bytes; for a truncated MAC take the leading bytes of the whole one.</param>
    /// <param name="key">The key; the runtime keeps no copy.</param>
    public HashCore(string algorithm, int digestSize, ReadOnlySpan<byte> key)
        : this(Open(algorithm, digestSize, AlgKey.FromBytes(key)), digestSize)
    {
    }

    /// <summary>Opens an unkeyed hash served by a chosen driver (a name pinned, or hardware only).</summary>
    /// <param name="algorithm">The generic kernel algorithm name.</param>
    /// <param name="digestSize">Exactly the algorithm's digest size in bytes.</param>
    /// <param name="driver">The implementation to bind.</param>
    /// <exception cref="DriverUnavailableException">The kernel does not serve that driver for the algorithm.</exception>
    public HashCore(string algorithm, int digestSize, DriverSelection driver)
        : this(Open(algorithm, digestSize, AlgKey.None, driver ?? throw new ArgumentNullException(nameof(driver))), digestSize)
    {
    }

    /// <summary>Opens a keyed hash served by a chosen driver (a name pinned, or hardware only).</summary>
    /// <param name="algorithm">The generic kernel algorithm name.</param>
    /// <param name="digestSize">Exactly the algorithm's MAC size in bytes.</param>
    /// <param name="key">The key (an empty HMAC key is a key too); the runtime keeps no copy.</param>
    /// <param name="driver">The implementation to bind.</param>
    /// <exception cref="DriverUnavailableException">The kernel does not serve that driver for the algorithm.</exception>
    public HashCore(string algorithm, int digestSize, ReadOnlySpan<byte> key, DriverSelection driver)
        : this(Open(algorithm, digestSize, AlgKey.FromBytes(key), driver ?? throw new ArgumentNullException(nameof(driver))), digestSize)
    {
    }

    private HashCore((AlgSocket Bound, AlgOpSocket Op) sockets, int digestSize)
        : this(sockets.Bound, sockets.Op, digestSize)
    {
    }

    private HashCore(AlgSocket bound, AlgOpSocket op, int digestSize)
    {
        _bound = bound;
        _op = op;
        DigestSize = digestSize;
        ZeroCopy = TypedAlgOptions.ZeroCopy;
    }

    /// <summary>The driver serving this instance, read from /proc/crypto while bound; the bound name when unlisted.</summary>
    public string Driver => _bound.ReadServingDriver()?.Driver ?? _bound.Algorithm;

    /// <summary>The digest size in bytes.</summary>
    public int DigestSize { get; }

    /// <summary>The implementation this instance was asked to bind (a pin, hardware only, or the kernel's choice).</summary>
    internal DriverSelection Selection => _bound.Driver;

    /// <summary>How large inputs reach the kernel (defaults to <see cref="TypedAlgOptions.ZeroCopy"/>).</summary>
    public ZeroCopyMode ZeroCopy { get; set; }

    internal AlgOpSocket Socket => _op;

    /// <summary>Opens a keyed hash whose key is a kernel keyring key (Linux 6.2+); key bytes never enter the process.</summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="digestSize">The digest (MAC) size in bytes.</param>
    /// <param name="keySerial">The serial of a <c>user</c> or <c>logon</c> key the process may search.</param>
    /// <exception cref="NotSupportedException">The kernel is older than 6.2.</exception>
    public static HashCore FromKeySerial(string algorithm, int digestSize, int keySerial)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keySerial);
        return new HashCore(Open(algorithm, digestSize, AlgKey.FromSerial(keySerial)), digestSize);
    }

    /// <summary>Opens a keyed hash served by a chosen driver whose key is a kernel keyring key (Linux 6.2+).</summary>
    /// <param name="algorithm">The generic kernel algorithm name.</param>
    /// <param name="digestSize">The digest (MAC) size in bytes.</param>
    /// <param name="keySerial">The serial of a <c>user</c> or <c>logon</c> key the process may search.</param>
    /// <param name="driver">The implementation to bind.</param>
    /// <exception cref="DriverUnavailableException">The kernel does not serve that driver for the algorithm.</exception>
    public static HashCore FromKeySerial(string algorithm, int digestSize, int keySerial, DriverSelection driver)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keySerial);
        ArgumentNullException.ThrowIfNull(driver);
        return new HashCore(Open(algorithm, digestSize, AlgKey.FromSerial(keySerial), driver), digestSize);
    }

    /// <summary>Adds data to the running hash (send with MSG_MORE).</summary>
    /// <param name="data">The data.</param>
    /// <exception cref="InvalidOperationException">An earlier <see cref="Append"/> failed (call <see cref="GetHashAndReset"/> to start over).</exception>
    public void Append(ReadOnlySpan<byte> data)
    {
        AlgOpSocket op = _op;
        op.Enter(this);
        try
        {
            ThrowIfAppendFailed(reset: false);
            if (data.Length > 0)
            {
                try
                {
                    op.SendData(data, more: true, ZeroCopy, AutoNeverSplices);
                }
                catch
                {
                    // Part of the data may be in the running hash: it and everything appended before are discarded.
                    _appendFailed = true;
                    _pending = false;
                    _op = _bound.Renew(op);
                    throw;
                }

                _pending = true;
            }
        }
        finally
        {
            op.Exit();
        }
    }

    /// <summary>Writes the digest of everything appended and resets to the empty state (one recv).</summary>
    /// <param name="destination">At least <see cref="DigestSize"/> bytes.</param>
    /// <exception cref="InvalidOperationException">An earlier <see cref="Append"/> failed; the instance is reset and usable again.</exception>
    public void GetHashAndReset(Span<byte> destination)
    {
        Validate.AtLeast(destination.Length, DigestSize, nameof(destination), "digest destination");
        AlgOpSocket op = _op;
        op.Enter(this);
        try
        {
            ThrowIfAppendFailed(reset: true);
            _pending = false;
            try
            {
                ReceiveDigest(op, destination);
            }
            catch
            {
                _op = _bound.Renew(op);
                throw;
            }
        }
        finally
        {
            op.Exit();
        }
    }

    /// <summary>One-shot digest (send + recv).</summary>
    /// <param name="data">The whole message.</param>
    /// <param name="destination">At least <see cref="DigestSize"/> bytes.</param>
    /// <exception cref="InvalidOperationException">An incremental hash is in progress (call <see cref="GetHashAndReset"/> first).</exception>
    public void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Validate.AtLeast(destination.Length, DigestSize, nameof(destination), "digest destination");
        AlgOpSocket op = _op;
        op.Enter(this);
        try
        {
            if (_pending)
            {
                throw new InvalidOperationException("Append was called without GetHashAndReset; a one-shot would continue that hash. Call GetHashAndReset first.");
            }

            ThrowIfAppendFailed(reset: false);
            try
            {
                // With nothing sent, recv gives the digest of the empty message.
                if (data.Length > 0)
                {
                    op.SendData(data, more: false, ZeroCopy, AutoNeverSplices);
                }

                ReceiveDigest(op, destination);
            }
            catch
            {
                // A message that failed part-way leaves its prefix in the kernel's running hash: never hash on top of it.
                _op = _bound.Renew(op);
                throw;
            }
        }
        finally
        {
            op.Exit();
        }
    }

    /// <summary>A new instance that continues from this one's state (accept on the op socket).</summary>
    /// <returns>An independent hash with the same key and the same data appended so far.</returns>
    public HashCore Clone()
    {
        AlgOpSocket op = _op;
        op.Enter(this);
        try
        {
            ThrowIfAppendFailed(reset: false);
            AlgSocket bound = _bound.Duplicate();
            AlgOpSocket clone;
            try
            {
                clone = op.AcceptClone();
            }
            catch
            {
                bound.Dispose();
                throw;
            }

            return new HashCore(bound, clone, DigestSize) { _pending = _pending, ZeroCopy = ZeroCopy };
        }
        finally
        {
            op.Exit();
        }
    }

    /// <summary>Thread-safe one-shot digest using one cached socket per thread and algorithm.</summary>
    /// <param name="algorithm">The kernel algorithm or driver name (unkeyed).</param>
    /// <param name="digestSize">The digest size in bytes.</param>
    /// <param name="data">The whole message.</param>
    /// <param name="destination">At least <paramref name="digestSize"/> bytes.</param>
    public static void HashData(string algorithm, int digestSize, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        HashCore? core = t_last;
        if (core is null || core.DigestSize != digestSize || !string.Equals(core._op.Algorithm, algorithm, StringComparison.Ordinal) ||
            !core._op.IsFromThisProcess)
        {
            core = SharedCore(algorithm, digestSize, destination);
            t_last = core;
        }

        core.HashData(data, destination);
    }

    /// <summary>
    /// One-shot digest served by a chosen driver. The kernel's choice takes the cached path of
    /// <see cref="HashData(string, int, ReadOnlySpan{byte}, Span{byte})"/>; a pinned driver or hardware-only gets a socket
    /// per call, so that every call reports a missing driver as <see cref="DriverUnavailableException"/>.
    /// </summary>
    /// <param name="algorithm">The generic kernel algorithm name (unkeyed).</param>
    /// <param name="digestSize">The digest size in bytes.</param>
    /// <param name="driver">The implementation to bind.</param>
    /// <param name="data">The whole message.</param>
    /// <param name="destination">At least <paramref name="digestSize"/> bytes.</param>
    public static void HashData(string algorithm, int digestSize, DriverSelection driver, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(driver);
        if (driver.IsDefault)
        {
            HashData(algorithm, digestSize, data, destination);
            return;
        }

        Validate.AtLeast(destination.Length, digestSize, nameof(destination), "digest destination");
        using HashCore core = new(algorithm, digestSize, driver);
        core.HashData(data, destination);
    }

    /// <summary>This thread's cached core for a one-shot, created (and the arguments checked) on first use.</summary>
    private static HashCore SharedCore(string algorithm, int digestSize, Span<byte> destination)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        Validate.Size(digestSize, 1, MaxDigestSize, nameof(digestSize));
        Validate.AtLeast(destination.Length, digestSize, nameof(destination), "digest destination");
        Dictionary<string, HashCore> cache = t_cache ??= new Dictionary<string, HashCore>(StringComparer.Ordinal);
        if (cache.TryGetValue(algorithm, out HashCore? inherited) && !inherited._op.IsFromThisProcess)
        {
            // A forked child: every cached socket is the parent's too. Close this process's copies and open its own.
            foreach (HashCore c in cache.Values)
            {
                c.Dispose();
            }

            cache.Clear();
        }

        if (!cache.TryGetValue(algorithm, out HashCore? core))
        {
            core = new HashCore(algorithm, digestSize);
            cache[algorithm] = core;
        }
        else if (core.DigestSize != digestSize)
        {
            throw new ArgumentException($"'{algorithm}' was used with digest size {core.DigestSize} on this thread; {digestSize} cannot also be right.", nameof(digestSize));
        }

        return core;
    }

    /// <summary>Thread-safe one-shot MAC. Opens and closes a socket per call so that no key copy outlives it.</summary>
    /// <param name="algorithm">The kernel algorithm or driver name (keyed, e.g. <c>hmac(sha256)</c>).</param>
    /// <param name="digestSize">The MAC size in bytes.</param>
    /// <param name="key">The key.</param>
    /// <param name="data">The whole message.</param>
    /// <param name="destination">At least <paramref name="digestSize"/> bytes.</param>
    public static void MacData(string algorithm, int digestSize, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Validate.AtLeast(destination.Length, digestSize, nameof(destination), "MAC destination");
        using HashCore core = new(algorithm, digestSize, key);
        core.HashData(data, destination);
    }

    /// <summary>Thread-safe one-shot MAC served by a chosen driver; a socket per call, as <see cref="MacData(string, int, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>.</summary>
    /// <param name="algorithm">The generic kernel algorithm name (keyed).</param>
    /// <param name="digestSize">The MAC size in bytes.</param>
    /// <param name="driver">The implementation to bind.</param>
    /// <param name="key">The key.</param>
    /// <param name="data">The whole message.</param>
    /// <param name="destination">At least <paramref name="digestSize"/> bytes.</param>
    public static void MacData(string algorithm, int digestSize, DriverSelection driver, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(driver);
        Validate.AtLeast(destination.Length, digestSize, nameof(destination), "MAC destination");
        using HashCore core = new(algorithm, digestSize, key, driver);
        core.HashData(data, destination);
    }

    /// <summary>Closes the sockets. Idempotent.</summary>
    public void Dispose()
    {
        _op.Dispose();
        _bound.Dispose();
    }

    /// <summary>
    /// One recv of exactly <see cref="DigestSize"/> bytes. It asks for one byte more: hash_recvmsg gives
    /// min(asked, its digest size), so a shorter answer or the extra byte means the declared size is not the
    /// algorithm's: an error, never a truncated digest. (A plain recv instead of recvmsg with MSG_TRUNC: the kernel
    /// then copies no msghdr and iovec array in and out, a measurable part of a 16-byte hash.)
    /// </summary>
    private void ReceiveDigest(AlgOpSocket op, Span<byte> destination)
    {
        if (_digestSizeConfirmed)
        {
            // The transform's digest size cannot change: straight into the caller's buffer.
            int received = op.ReceiveOnce(destination[..DigestSize]);
            if (received != DigestSize)
            {
                throw new KernelCryptoException($"AF_ALG hash '{op.Algorithm}' returned {received} bytes where {DigestSize} were expected.", 0, op.Algorithm);
            }

            return;
        }

        // A constant-size stackalloc outside any condition is a plain part of the frame (a conditional one is a localloc).
        Span<byte> scratch = stackalloc byte[MaxDigestSize + 1];
        Span<byte> digest = destination.Length > DigestSize ? destination : scratch;
        int n = op.ReceiveOnce(digest[..(DigestSize + 1)]);
        if (n != DigestSize)
        {
            int actual = n > DigestSize ? KernelDigestSize() : n;
            throw new ArgumentException($"'{op.Algorithm}' produces {actual}-byte digests, but this instance was created with digestSize {DigestSize}.", "digestSize");
        }

        if (destination.Length == DigestSize)
        {
            // A MAC can be secret (an HKDF-Extract PRK): no copy stays on the stack.
            digest[..DigestSize].CopyTo(destination);
            CryptographicOperations.ZeroMemory(digest[..DigestSize]);
        }

        _digestSizeConfirmed = true;
    }

    /// <summary>The kernel's digest size, measured on a fresh operation socket (error path only).</summary>
    private int KernelDigestSize()
    {
        Span<byte> probe = stackalloc byte[1024];
        using AlgOpSocket fresh = _bound.Accept();
        int n = fresh.ReceiveDigest(probe, out _);
        CryptographicOperations.ZeroMemory(probe);
        return n;
    }

    private void ThrowIfAppendFailed(bool reset)
    {
        if (_appendFailed)
        {
            _appendFailed = !reset;
            throw new InvalidOperationException(
                "An earlier Append failed, and the data appended before it was discarded with the kernel's running hash. " +
                (reset ? "The hash has been reset; append the whole message again." : "Call GetHashAndReset to start over."));
        }
    }

    private static (AlgSocket, AlgOpSocket) Open(string algorithm, int digestSize, AlgKey key, DriverSelection? driver = null)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        Validate.Size(digestSize, 1, MaxDigestSize, nameof(digestSize));
        return AlgSocket.OpenAndAccept("hash", algorithm, key, driver: driver);
    }

    /// <inheritdoc />
    IHashBackend IHashBackend.Clone() => Clone();
}
