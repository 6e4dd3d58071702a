namespace TypedAlg.Runtime;

/// <summary>One block of /proc/crypto: an algorithm implementation the kernel has registered.</summary>
public sealed record ProcCryptoEntry
{
    /// <summary>The generic name, for example <c>cbc(aes)</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The implementation (driver) name, for example <c>cbc-aes-aesni</c>.</summary>
    public required string Driver { get; init; }

    /// <summary>The module providing it, or <c>kernel</c>.</summary>
    public string? Module { get; init; }

    /// <summary>Higher wins when several drivers share a name.</summary>
    public int Priority { get; init; }

    /// <summary>The kernel type: shash, ahash, skcipher, lskcipher, aead, rng, cipher, ...</summary>
    public required string Type { get; init; }

    /// <summary>Whether the self test passed ("passed"), or another selftest value.</summary>
    public string? SelfTest { get; init; }

    /// <summary>Whether the implementation is internal (not reachable by name from AF_ALG).</summary>
    public bool Internal { get; init; }

    /// <summary>Whether the implementation completes requests asynchronously (an engine or virtio driver), when listed.</summary>
    public bool? Async { get; init; }

    /// <summary>Block size in bytes, when listed.</summary>
    public int? BlockSize { get; init; }

    /// <summary>Smallest key size in bytes (skcipher, cipher), when listed.</summary>
    public int? MinKeySize { get; init; }

    /// <summary>Largest key size in bytes (skcipher, cipher), when listed.</summary>
    public int? MaxKeySize { get; init; }

    /// <summary>IV size in bytes (skcipher, aead), when listed.</summary>
    public int? IvSize { get; init; }

    /// <summary>Chunk size in bytes (skcipher), when listed.</summary>
    public int? ChunkSize { get; init; }

    /// <summary>Digest size in bytes (shash, ahash), when listed.</summary>
    public int? DigestSize { get; init; }

    /// <summary>Largest tag size in bytes (aead), when listed.</summary>
    public int? MaxAuthSize { get; init; }

    /// <summary>Seed size in bytes (rng), when listed.</summary>
    public int? SeedSize { get; init; }
}
