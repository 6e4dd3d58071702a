using System.Buffers;
using System.Security.Cryptography;
using TypedAlg.Runtime;

namespace TypedAlg.Managed.Cores;

/// <summary>
/// gcm(aes), ccm(aes) and rfc7539(chacha20,poly1305) on <see cref="AesGcm"/>, <see cref="AesCcm"/> and
/// <see cref="System.Security.Cryptography.ChaCha20Poly1305"/>. The nonce is the kernel's IV, so for ccm(aes) it is
/// the 16-byte counter block the generated class builds, and the real nonce is read back out of it.
/// </summary>
internal sealed class ManagedAead : IAeadBackend
{
    private const int CcmCounterBlock = 16;

    private readonly IDisposable _bcl; // the BCL object holds the only copy of the key; disposed with this instance

    private ManagedAead(IDisposable bcl, int nonceSize, int tagSize)
    {
        _bcl = bcl;
        NonceSize = nonceSize;
        TagSize = tagSize;
    }

    public int NonceSize { get; }

    public string Driver => _bcl.GetType().FullName!;

    public int TagSize { get; }

    /// <summary>Checks the entry's nonce and tag sizes against what the BCL class can do, before taking the key.</summary>
    public static ManagedAead Create(ManagedKind kind, string algorithm, ReadOnlySpan<byte> key, int nonceSize, int tagSize)
    {
        var refusal = kind switch
        {
            ManagedKind.GcmAes when nonceSize != 12 => $"System.Security.Cryptography.AesGcm takes 12-byte nonces only; this entry declares {nonceSize}.",
            ManagedKind.GcmAes when tagSize is < 12 or > 16 => $"AesGcm takes tags of 12 to 16 bytes; this entry declares {tagSize}.",
            ManagedKind.CcmAes when nonceSize != CcmCounterBlock => $"ccm(aes) takes the {CcmCounterBlock}-byte counter block as its IV; this entry passes {nonceSize} bytes.",
            ManagedKind.CcmAes when tagSize is < 4 or > 16 || tagSize % 2 != 0 => $"AesCcm takes tags of 4 to 16 bytes in steps of 2; this entry declares {tagSize}.",
            ManagedKind.ChaCha20Poly1305 when nonceSize != 12 || tagSize != 16 => $"ChaCha20Poly1305 takes a 12-byte nonce and a 16-byte tag; this entry declares {nonceSize} and {tagSize}.",
            _ => null,
        };
        if (refusal is not null)
            throw new NotSupportedException($"'{algorithm}' cannot run on the managed backend with these sizes: {refusal}");

        IDisposable bcl = kind switch
        {
            ManagedKind.GcmAes => new AesGcm(key, tagSize),
            ManagedKind.CcmAes => new AesCcm(key),
            _ => new System.Security.Cryptography.ChaCha20Poly1305(key),
        };
        return new ManagedAead(bcl, nonceSize, tagSize);
    }

    public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData = default)
    {
        CheckSizes(nonce, tag);
        if (ciphertext.Length < plaintext.Length)
            throw new ArgumentException($"The ciphertext destination must be at least {plaintext.Length} bytes; it is {ciphertext.Length}.", nameof(ciphertext));
        var copy = Disjoint(ref plaintext, ciphertext);
        try
        {
            var output = ciphertext[..plaintext.Length];
            switch (_bcl)
            {
                case AesGcm gcm: gcm.Encrypt(nonce, plaintext, output, tag, associatedData); break;
                case AesCcm ccm: ccm.Encrypt(CcmNonce(nonce), plaintext, output, tag, associatedData); break;
                case System.Security.Cryptography.ChaCha20Poly1305 chacha: chacha.Encrypt(nonce, plaintext, output, tag, associatedData); break;
            }
        }
        finally
        {
            Return(copy, plaintext.Length);
        }
    }

    public void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        if (!TryDecrypt(nonce, ciphertext, tag, plaintext, associatedData))
            throw new AuthenticationTagMismatchException();
    }

    public bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        CheckSizes(nonce, tag);
        if (plaintext.Length < ciphertext.Length)
            throw new ArgumentException($"The plaintext destination must be at least {ciphertext.Length} bytes; it is {plaintext.Length}.", nameof(plaintext));
        var copy = Disjoint(ref ciphertext, plaintext);
        var output = plaintext[..ciphertext.Length];
        try
        {
            switch (_bcl)
            {
                case AesGcm gcm: gcm.Decrypt(nonce, ciphertext, tag, output, associatedData); break;
                case AesCcm ccm: ccm.Decrypt(CcmNonce(nonce), ciphertext, tag, output, associatedData); break;
                case System.Security.Cryptography.ChaCha20Poly1305 chacha: chacha.Decrypt(nonce, ciphertext, tag, output, associatedData); break;
            }

            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(output); // the BCL clears it too; the contract promises it, so make sure
            return false;
        }
        finally
        {
            Return(copy, ciphertext.Length);
        }
    }

    public void Dispose() => _bcl.Dispose();

    // The counter block A0: flags byte L' = 14 - nonce length, the nonce, a zero counter (RFC 3610). The nonce is
    // what AesCcm takes.
    private static ReadOnlySpan<byte> CcmNonce(ReadOnlySpan<byte> counterBlock)
    {
        var nonceLength = 14 - counterBlock[0];
        if (nonceLength is < 7 or > 13)
            throw new ArgumentException($"The CCM counter block's flags byte {counterBlock[0]} gives a {nonceLength}-byte nonce; AesCcm takes 7 to 13.", "nonce");
        return counterBlock.Slice(1, nonceLength);
    }

    private void CheckSizes(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> tag)
    {
        if (nonce.Length != NonceSize)
            throw new ArgumentException($"The nonce must be exactly {NonceSize} bytes; it is {nonce.Length}.", nameof(nonce));
        if (tag.Length != TagSize)
            throw new ArgumentException($"The tag must be exactly {TagSize} bytes; it is {tag.Length}.", nameof(tag));
    }

    /// <summary>
    /// The BCL refuses input and output that overlap (the kernel path allows in place): when they do, point
    /// <paramref name="input"/> at a copy, wiped and returned by <see cref="Return"/>.
    /// </summary>
    private static byte[]? Disjoint(ref ReadOnlySpan<byte> input, ReadOnlySpan<byte> output)
    {
        if (!input.Overlaps(output))
            return null;
        var copy = ArrayPool<byte>.Shared.Rent(input.Length);
        input.CopyTo(copy);
        input = copy.AsSpan(0, input.Length);
        return copy;
    }

    private static void Return(byte[]? copy, int length)
    {
        if (copy is null)
            return;
        CryptographicOperations.ZeroMemory(copy.AsSpan(0, length));
        ArrayPool<byte>.Shared.Return(copy);
    }
}
