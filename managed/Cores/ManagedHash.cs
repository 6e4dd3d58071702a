using System.Security.Cryptography;
using TypedAlg.Runtime;

namespace TypedAlg.Managed.Cores;

/// <summary>A hash or HMAC on <see cref="IncrementalHash"/>: the managed twin of the kernel's hash socket.</summary>
internal sealed class ManagedHash : IHashBackend
{
    private readonly IncrementalHash _hash;
    private bool _pending;

    private ManagedHash(IncrementalHash hash, int digestSize)
    {
        _hash = hash;
        DigestSize = digestSize;
        Driver = $"System.Security.Cryptography.IncrementalHash ({hash.AlgorithmName.Name})"; // HMACSHA256 for an HMAC
    }

    public int DigestSize { get; }

    public string Driver { get; }

    /// <summary>An unkeyed hash; the digest size must be the algorithm's, as on the kernel path.</summary>
    public static ManagedHash Create(HashAlgorithmName name, int digestSize)
        => Checked(new ManagedHash(IncrementalHash.CreateHash(name), digestSize));

    /// <summary>HMAC; the BCL copies the key into its own state, which is freed with the instance.</summary>
    public static ManagedHash CreateHmac(HashAlgorithmName name, int macSize, ReadOnlySpan<byte> key)
        => Checked(new ManagedHash(IncrementalHash.CreateHMAC(name, key), macSize));

    public void Append(ReadOnlySpan<byte> data)
    {
        _hash.AppendData(data);
        _pending |= data.Length > 0;
    }

    public void GetHashAndReset(Span<byte> destination)
    {
        if (destination.Length < DigestSize)
            throw new ArgumentException($"The digest destination must be at least {DigestSize} bytes; it is {destination.Length}.", nameof(destination));
        _pending = false;
        _hash.GetHashAndReset(destination);
    }

    public void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (_pending)
            throw new InvalidOperationException("Append was called without GetHashAndReset; a one-shot would continue that hash. Call GetHashAndReset first.");
        Append(data);
        GetHashAndReset(destination);
    }

    public IHashBackend Clone() => new ManagedHash(_hash.Clone(), DigestSize) { _pending = _pending };

    public void Dispose() => _hash.Dispose();

    // The kernel path refuses a declared size that is not the algorithm's; so does this one, at construction.
    private static ManagedHash Checked(ManagedHash hash)
    {
        if (hash._hash.HashLengthInBytes != hash.DigestSize)
        {
            var message = $"'{hash._hash.AlgorithmName.Name}' produces {hash._hash.HashLengthInBytes}-byte digests, but this instance was created with digestSize {hash.DigestSize}.";
            hash.Dispose();
            throw new ArgumentException(message, "digestSize");
        }

        return hash;
    }
}
