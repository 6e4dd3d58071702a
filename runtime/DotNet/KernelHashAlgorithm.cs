using System.Security.Cryptography;

namespace TypedAlg.Runtime.DotNet;

/// <summary>
/// A <see cref="HashAlgorithm"/> over one kernel hash socket, for APIs that take one: <see cref="CryptoStream"/>,
/// <see cref="HashAlgorithm.TransformBlock"/> loops, <see cref="HashAlgorithm.ComputeHash(Stream)"/>. Disposing it
/// closes the socket. Generated hash classes create it (<c>Sha256.CreateHashAlgorithm()</c>).
/// </summary>
/// <remarks>One instance serves one thread at a time, as every <see cref="HashAlgorithm"/> does.</remarks>
public sealed class KernelHashAlgorithm : HashAlgorithm
{
    private readonly HashAdapterCore _adapter;

    /// <summary>Takes ownership of <paramref name="core"/>, which should have nothing appended.</summary>
    /// <param name="core">The hash core; disposed with this instance.</param>
    public KernelHashAlgorithm(IHashBackend core)
    {
        ArgumentNullException.ThrowIfNull(core);
        _adapter = new HashAdapterCore(core);
        HashSizeValue = core.DigestSize * 8;
    }

    /// <summary>Discards anything hashed since the last final block.</summary>
    public override void Initialize() => _adapter.Discard();

    /// <inheritdoc />
    protected override void HashCore(byte[] array, int ibStart, int cbSize) => _adapter.Append(array.AsSpan(ibStart, cbSize));

    /// <inheritdoc />
    protected override void HashCore(ReadOnlySpan<byte> source) => _adapter.Append(source);

    /// <inheritdoc />
    protected override byte[] HashFinal() => _adapter.Final();

    /// <inheritdoc />
    protected override bool TryHashFinal(Span<byte> destination, out int bytesWritten) => _adapter.TryFinal(destination, out bytesWritten);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _adapter.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// A <see cref="KeyedHashAlgorithm"/> (HMAC, CMAC) over one kernel hash socket whose key lives in the kernel. Generated
/// MAC classes create it from an instance (<c>hmac.CreateKeyedHashAlgorithm()</c>), on a copy of that instance's socket.
/// </summary>
/// <remarks>
/// <see cref="Key"/> cannot be read (TypedAlg keeps no copy of a key); setting it opens a new socket with the new key.
/// One instance serves one thread at a time.
/// </remarks>
public sealed class KernelKeyedHashAlgorithm : KeyedHashAlgorithm
{
    private readonly string _algorithm;
    private readonly int[] _keySizes;
    private readonly KeyedHashFactory? _rekey;
    private HashAdapterCore _adapter;

    /// <summary>Takes ownership of <paramref name="core"/>, a keyed hash with nothing appended.</summary>
    /// <param name="core">The keyed hash core; disposed with this instance.</param>
    /// <param name="algorithm">The kernel algorithm name, to open a socket when <see cref="Key"/> is set.</param>
    /// <param name="keySizes">The key lengths the algorithm takes; empty for any length (HMAC).</param>
    /// <param name="rekey">Opens a core with a new key when <see cref="Key"/> is set; a kernel <see cref="Runtime.HashCore"/> when null.</param>
    public KernelKeyedHashAlgorithm(IHashBackend core, string algorithm, int[] keySizes, KeyedHashFactory? rekey = null)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(keySizes);
        _adapter = new HashAdapterCore(core);
        _algorithm = algorithm;
        _keySizes = keySizes;
        _rekey = rekey;
        HashSizeValue = core.DigestSize * 8;
    }

    /// <summary>Setting it rekeys (a new kernel socket); reading it throws, as the key is only in the kernel.</summary>
    /// <exception cref="NotSupportedException">On get: TypedAlg keeps no copy of the key.</exception>
    /// <exception cref="ArgumentException">On set: a length the algorithm does not take.</exception>
    public override byte[] Key
    {
        get => throw new NotSupportedException("The key is held by the kernel; TypedAlg keeps no copy to return.");
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (_keySizes.Length > 0 && Array.IndexOf(_keySizes, value.Length) < 0)
            {
                throw new ArgumentException($"'{_algorithm}' takes a key of {string.Join(", ", _keySizes)} bytes, not {value.Length}.", nameof(value));
            }

            var fresh = new HashAdapterCore(_rekey?.Invoke(value) ?? RekeyedKernelCore(value));
            _adapter.Dispose();
            _adapter = fresh;
        }
    }

    /// <summary>A kernel socket with the new key that binds what the old one did: a pinned driver stays pinned.</summary>
    private HashCore RekeyedKernelCore(byte[] key) => _adapter.Core is HashCore { Selection.IsDefault: false } pinned
        ? new HashCore(_algorithm, _adapter.DigestSize, key, pinned.Selection)
        : new HashCore(_algorithm, _adapter.DigestSize, key);

    /// <summary>Discards anything hashed since the last final block.</summary>
    public override void Initialize() => _adapter.Discard();

    /// <inheritdoc />
    protected override void HashCore(byte[] array, int ibStart, int cbSize) => _adapter.Append(array.AsSpan(ibStart, cbSize));

    /// <inheritdoc />
    protected override void HashCore(ReadOnlySpan<byte> source) => _adapter.Append(source);

    /// <inheritdoc />
    protected override byte[] HashFinal() => _adapter.Final();

    /// <inheritdoc />
    protected override bool TryHashFinal(Span<byte> destination, out int bytesWritten) => _adapter.TryFinal(destination, out bytesWritten);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _adapter.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Opens a keyed hash core (kernel or managed, as the instance it came from) with <paramref name="key"/>.</summary>
/// <param name="key">The new key; the factory keeps no copy beyond what its core needs.</param>
/// <returns>The new core, nothing appended.</returns>
public delegate IHashBackend KeyedHashFactory(ReadOnlySpan<byte> key);

/// <summary>The part both adapters share: appends, finals, and discarding a running hash (one recv) only when needed.</summary>
internal sealed class HashAdapterCore(IHashBackend core) : IDisposable
{
    private bool _dirty;

    public int DigestSize => core.DigestSize;

    public IHashBackend Core => core;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length > 0)
        {
            _dirty = true;
            core.Append(data);
        }
    }

    public byte[] Final()
    {
        var digest = new byte[core.DigestSize];
        _dirty = false;
        core.GetHashAndReset(digest);
        return digest;
    }

    public bool TryFinal(Span<byte> destination, out int bytesWritten)
    {
        if (destination.Length < core.DigestSize)
        {
            bytesWritten = 0;
            return false;
        }

        _dirty = false;
        core.GetHashAndReset(destination);
        bytesWritten = core.DigestSize;
        return true;
    }

    public void Discard()
    {
        if (_dirty)
        {
            _dirty = false;
            HashStreams.Reset(core);
        }
    }

    public void Dispose() => core.Dispose();
}
