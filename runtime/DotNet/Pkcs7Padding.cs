using System.Buffers;
using System.Security.Cryptography;

namespace TypedAlg.Runtime.DotNet;

/// <summary>
/// PKCS#7 padding (RFC 5652, 6.3) for the block modes of <see cref="SkcipherCore"/>, as
/// <c>Aes.EncryptCbc(..., PaddingMode.PKCS7)</c> does it. Padding is checked in constant time, and a bad padding is one
/// <see cref="CryptographicException"/> whatever byte was wrong.
/// </summary>
/// <remarks>
/// Unauthenticated CBC with a padding check is a padding oracle when an attacker can submit ciphertexts and observe
/// failures: authenticate the ciphertext first (encrypt-then-MAC, for example with HmacSha256) or use an AEAD class.
/// </remarks>
public static class Pkcs7Padding
{
    /// <summary>The ciphertext length for <paramref name="plaintextLength"/> bytes: always 1 to blockSize bytes longer.</summary>
    /// <param name="plaintextLength">The plaintext length in bytes.</param>
    /// <param name="blockSize">The cipher's block size (2 to 255 bytes).</param>
    /// <returns>The next multiple of <paramref name="blockSize"/> above <paramref name="plaintextLength"/>.</returns>
    public static int GetPaddedLength(int plaintextLength, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        Validate.Size(blockSize, 2, 255, nameof(blockSize));
        if (plaintextLength > int.MaxValue - blockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(plaintextLength), plaintextLength, $"Allowed: 0..{int.MaxValue - blockSize} (the padded length must fit an int).");
        }

        return plaintextLength + blockSize - (plaintextLength % blockSize);
    }

    /// <summary>Pads and encrypts one message; <paramref name="ciphertext"/> may start at the plaintext (in place).</summary>
    /// <param name="core">A block-mode core (CBC, ECB).</param>
    /// <param name="iv">The IV (empty for ECB).</param>
    /// <param name="plaintext">Any length.</param>
    /// <param name="ciphertext">At least <see cref="GetPaddedLength"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    public static int Encrypt(ISkcipherBackend core, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(core);
        var length = GetPaddedLength(plaintext.Length, core.BlockSize);
        Validate.AtLeast(ciphertext.Length, length, nameof(ciphertext), "ciphertext destination");
        Validate.Length(iv.Length, core.IvSize, nameof(iv), "IV");
        // One kernel request: copy (memmove, so overlapping is fine), pad, encrypt in place.
        plaintext.CopyTo(ciphertext);
        Pad(ciphertext[..length], plaintext.Length);
        core.Encrypt(iv, ciphertext[..length], ciphertext[..length]);
        return length;
    }

    /// <summary>Decrypts one message and removes its padding; the plaintext is cleared when the padding is bad.</summary>
    /// <param name="core">A block-mode core (CBC, ECB).</param>
    /// <param name="iv">The IV (empty for ECB).</param>
    /// <param name="ciphertext">A positive multiple of the block size.</param>
    /// <param name="plaintext">At least the unpadded length (ciphertext length - 1 is always enough).</param>
    /// <returns>The bytes written.</returns>
    /// <exception cref="CryptographicException">The padding is invalid (wrong key, IV or data).</exception>
    public static int Decrypt(ISkcipherBackend core, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(core);
        var blockSize = core.BlockSize;
        if (ciphertext.Length == 0 || ciphertext.Length % blockSize != 0)
        {
            throw new ArgumentException($"PKCS#7 ciphertext is a positive multiple of the block size {blockSize} bytes; it is {ciphertext.Length} bytes.", nameof(ciphertext));
        }

        Validate.Length(iv.Length, core.IvSize, nameof(iv), "IV");
        if (plaintext.Length >= ciphertext.Length)
        {
            core.Decrypt(iv, ciphertext, plaintext[..ciphertext.Length]);
            return Unpad(plaintext[..ciphertext.Length], blockSize);
        }

        var rented = ArrayPool<byte>.Shared.Rent(ciphertext.Length);
        try
        {
            var whole = rented.AsSpan(0, ciphertext.Length);
            core.Decrypt(iv, ciphertext, whole);
            var length = Unpad(whole, blockSize);
            Validate.AtLeast(plaintext.Length, length, nameof(plaintext), "plaintext destination");
            whole[..length].CopyTo(plaintext);
            return length;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, ciphertext.Length));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Fills <paramref name="padded"/> after <paramref name="dataLength"/> with the pad length byte.</summary>
    internal static void Pad(Span<byte> padded, int dataLength) => padded[dataLength..].Fill((byte)(padded.Length - dataLength));

    /// <summary>
    /// The unpadded length of <paramref name="decrypted"/> (a positive multiple of the block size). The last block is
    /// checked in constant time; on a bad padding the whole buffer is cleared and one exception says so, not where.
    /// </summary>
    internal static int Unpad(Span<byte> decrypted, int blockSize)
    {
        var last = decrypted[^blockSize..];
        var pad = (int)last[^1];
        // bad collects nonzero bits for: pad == 0, pad > blockSize, and any of the last pad bytes != pad.
        var bad = ((pad - 1) >> 31) | ((blockSize - pad) >> 31);
        for (var i = 0; i < blockSize; i++)
        {
            var inPad = (i - pad) >> 31; // all ones when i < pad
            bad |= inPad & (last[blockSize - 1 - i] ^ pad);
        }

        if (bad != 0)
        {
            CryptographicOperations.ZeroMemory(decrypted);
            throw new CryptographicException("Padding is invalid and cannot be removed (wrong key or IV, or the data was changed).");
        }

        return decrypted.Length - pad;
    }
}
