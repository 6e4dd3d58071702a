namespace TypedAlg.Runtime;

/// <summary>
/// What a generated rng class calls on its core: <see cref="RngCore"/>. There is no managed rng core: each class promises
/// a specific SP 800-90A generator the BCL does not expose (see docs/managed-backend.md).
/// </summary>
public interface IRngBackend : IDisposable
{
    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    /// <param name="destination">Any length.</param>
    void Fill(Span<byte> destination);

    /// <summary>The kernel driver serving this instance, read from /proc/crypto.</summary>
    string Driver { get; }
}
