namespace TypedAlg.Runtime;

/// <summary>
/// What a generated AEAD class calls on its core: <see cref="AeadCore"/> (the kernel) or a managed core
/// (TypedAlg.Managed). The nonce is the kernel's IV (for ccm(aes), the 16-byte counter block). One instance serves one
/// thread at a time.
/// </summary>
public interface IAeadBackend : IDisposable
{
    /// <summary>The nonce (kernel IV) size in bytes.</summary>
    int NonceSize { get; }

    /// <summary>The tag size in bytes.</summary>
    int TagSize { get; }

    /// <summary>
    /// The implementation serving this instance: the kernel driver, read from /proc/crypto (for example
    /// <c>sha256-avx2</c>), or the .NET type of the managed backend.
    /// </summary>
    string Driver { get; }

    /// <summary>Encrypts and authenticates.</summary>
    /// <param name="nonce">Exactly <see cref="NonceSize"/> bytes.</param>
    /// <param name="plaintext">The plaintext.</param>
    /// <param name="ciphertext">At least <c>plaintext.Length</c> bytes.</param>
    /// <param name="tag">Exactly <see cref="TagSize"/> bytes.</param>
    /// <param name="associatedData">Data authenticated but not encrypted.</param>
    void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData = default);

    /// <summary>Verifies and decrypts; throws <see cref="System.Security.Cryptography.AuthenticationTagMismatchException"/> when the tag does not match.</summary>
    /// <param name="nonce">Exactly <see cref="NonceSize"/> bytes.</param>
    /// <param name="ciphertext">The ciphertext.</param>
    /// <param name="tag">Exactly <see cref="TagSize"/> bytes.</param>
    /// <param name="plaintext">At least <c>ciphertext.Length</c> bytes.</param>
    /// <param name="associatedData">The associated data given at encryption.</param>
    void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default);

    /// <summary>Verifies and decrypts; false (with <paramref name="plaintext"/> zeroed) when the tag does not match.</summary>
    /// <param name="nonce">Exactly <see cref="NonceSize"/> bytes.</param>
    /// <param name="ciphertext">The ciphertext.</param>
    /// <param name="tag">Exactly <see cref="TagSize"/> bytes.</param>
    /// <param name="plaintext">At least <c>ciphertext.Length</c> bytes.</param>
    /// <param name="associatedData">The associated data given at encryption.</param>
    /// <returns>Whether the data is authentic.</returns>
    bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default);
}
