using System.Security.Cryptography;

namespace TypedAlg.Managed.Primitives;

/// <summary>
/// AES-CMAC (NIST SP 800-38B, RFC 4493), as the kernel's <c>cmac(aes)</c>: subkeys K1, K2 from L = AES_K(0^128)
/// doubled in GF(2^128); the last block is XORed with K1 when it is complete, else padded with 10* and XORed with K2.
/// A one-shot: the whole message is given at once, as the generated classes' one-shots do.
/// </summary>
public sealed class AesCmac : IDisposable
{
    /// <summary>The MAC length: one AES block.</summary>
    public const int MacSize = 16;

    private const int BlockSize = 16;

    // The reduction constant of GF(2^128) with x^128 + x^7 + x^2 + x + 1 (RFC 4493, section 2.3: const_Rb).
    private const byte Rb = 0x87;

    private readonly Aes _aes;
    private readonly byte[] _k1 = new byte[BlockSize];
    private readonly byte[] _k2 = new byte[BlockSize];

    /// <summary>Creates an instance for one key and derives its subkeys.</summary>
    /// <param name="key">An AES key: 16, 24 or 32 bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not 16, 24 or 32 bytes.</exception>
    public AesCmac(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24 or 32))
            throw new ArgumentException($"An AES-CMAC key is 16, 24 or 32 bytes, not {key.Length}.", nameof(key));
        _aes = Aes.Create();
        _aes.SetKey(key);
        Span<byte> l = stackalloc byte[BlockSize];
        _aes.EncryptEcb(new byte[BlockSize], l, PaddingMode.None);
        Double(l, _k1);
        Double(_k1, _k2);
        CryptographicOperations.ZeroMemory(l);
    }

    /// <summary>Computes the MAC of <paramref name="message"/>.</summary>
    /// <param name="message">Any length, empty included.</param>
    /// <param name="destination">At least 16 bytes; the MAC is written to its first 16.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 16 bytes.</exception>
    public void Compute(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (destination.Length < MacSize)
            throw new ArgumentException($"The destination needs {MacSize} bytes; it has {destination.Length}.", nameof(destination));

        // n blocks, the last one complete or not (an empty message is one incomplete block).
        var blocks = Math.Max(1, (message.Length + BlockSize - 1) / BlockSize);
        var lastComplete = message.Length > 0 && message.Length % BlockSize == 0;
        Span<byte> x = stackalloc byte[BlockSize];
        Span<byte> y = stackalloc byte[BlockSize];
        x.Clear();
        try
        {
            for (var i = 0; i < blocks - 1; i++)
            {
                Xor(x, message.Slice(i * BlockSize, BlockSize), y);
                _aes.EncryptEcb(y, x, PaddingMode.None);
            }

            var tail = message[((blocks - 1) * BlockSize)..];
            y.Clear();
            tail.CopyTo(y);
            if (!lastComplete)
                y[tail.Length] = 0x80;
            Xor(y, lastComplete ? _k1 : _k2, y);
            Xor(y, x, y);
            _aes.EncryptEcb(y, destination[..MacSize], PaddingMode.None);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(x);
            CryptographicOperations.ZeroMemory(y);
        }
    }

    /// <summary>Clears the subkeys and releases the BCL key schedule.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_k1);
        CryptographicOperations.ZeroMemory(_k2);
        _aes.Dispose();
    }

    // Multiplication by x in GF(2^128): shift left one bit, and reduce by Rb when the top bit fell out.
    private static void Double(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var carry = input[0] >> 7;
        for (var i = 0; i < BlockSize - 1; i++)
            output[i] = (byte)((input[i] << 1) | (input[i + 1] >> 7));
        output[BlockSize - 1] = (byte)((input[BlockSize - 1] << 1) ^ (carry * Rb));
    }

    private static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> output)
    {
        for (var i = 0; i < BlockSize; i++)
            output[i] = (byte)(a[i] ^ b[i]);
    }
}
