namespace TypedAlg.Runtime;

/// <summary>
/// What a generated hash or MAC class calls on its core: <see cref="HashCore"/> (the kernel) or a managed core
/// (TypedAlg.Managed). One instance serves one thread at a time.
/// </summary>
public interface IHashBackend : IDisposable
{
    /// <summary>The digest (MAC) size in bytes.</summary>
    int DigestSize { get; }

    /// <summary>
    /// The implementation serving this instance: the kernel driver, read from /proc/crypto (for example
    /// <c>sha256-avx2</c>), or the .NET type of the managed backend.
    /// </summary>
    string Driver { get; }

    /// <summary>Adds data to the running hash.</summary>
    /// <param name="data">The data.</param>
    void Append(ReadOnlySpan<byte> data);

    /// <summary>Writes the digest of everything appended and resets to the empty state.</summary>
    /// <param name="destination">At least <see cref="DigestSize"/> bytes.</param>
    void GetHashAndReset(Span<byte> destination);

    /// <summary>One-shot digest of <paramref name="data"/>; refused while an incremental hash is in progress.</summary>
    /// <param name="data">The whole message.</param>
    /// <param name="destination">At least <see cref="DigestSize"/> bytes.</param>
    void HashData(ReadOnlySpan<byte> data, Span<byte> destination);

    /// <summary>A new instance that continues from this one's state (same key, same data appended so far).</summary>
    /// <returns>An independent core; dispose it.</returns>
    IHashBackend Clone();
}
