namespace TypedAlg.Runtime;

/// <summary>
/// What a generated skcipher class calls on its core: <see cref="SkcipherCore"/> (the kernel) or a managed core
/// (TypedAlg.Managed). One instance serves one thread at a time.
/// </summary>
public interface ISkcipherBackend : IDisposable
{
    /// <summary>The IV size in bytes (0 for ECB).</summary>
    int IvSize { get; }

    /// <summary>The block size in bytes; 1 for stream modes (CTR).</summary>
    int BlockSize { get; }

    /// <summary>
    /// The implementation serving this instance: the kernel driver, read from /proc/crypto (for example
    /// <c>cbc-aes-aesni</c>), or the .NET type of the managed backend.
    /// </summary>
    string Driver { get; }

    /// <summary>Encrypts one message; <paramref name="destination"/> may be the same span as <paramref name="source"/>.</summary>
    /// <param name="iv">Exactly <see cref="IvSize"/> bytes.</param>
    /// <param name="source">The plaintext.</param>
    /// <param name="destination">At least <c>source.Length</c> bytes.</param>
    void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>Decrypts one message; <paramref name="destination"/> may be the same span as <paramref name="source"/>.</summary>
    /// <param name="iv">Exactly <see cref="IvSize"/> bytes.</param>
    /// <param name="source">The ciphertext.</param>
    /// <param name="destination">At least <c>source.Length</c> bytes.</param>
    void Decrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>Starts an encryption whose data arrives in pieces (chained modes only).</summary>
    /// <param name="iv">Exactly <see cref="IvSize"/> bytes.</param>
    /// <returns>The stream; dispose it.</returns>
    ISkcipherStream CreateEncryptor(ReadOnlySpan<byte> iv);

    /// <summary>Starts a decryption whose data arrives in pieces (chained modes only).</summary>
    /// <param name="iv">Exactly <see cref="IvSize"/> bytes.</param>
    /// <returns>The stream; dispose it.</returns>
    ISkcipherStream CreateDecryptor(ReadOnlySpan<byte> iv);
}
