using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TypedAlg.Managed.Primitives;

/// <summary>
/// AES in counter mode (NIST SP 800-38A, section 6.5), as the kernel's <c>ctr(aes)</c> does it: the IV is the first
/// 128-bit counter block, incremented as one big-endian 128-bit number per block (wrapping at 2^128), and a final
/// partial block uses the leading bytes of its keystream block. Encryption and decryption are the same operation.
/// </summary>
public sealed class AesCtr : IDisposable
{
    private const int BlockSize = 16;

    // Counter blocks are encrypted this many at a time: one ECB call per chunk instead of one per block.
    private const int ChunkBlocks = 64;

    private readonly Aes _aes;

    /// <summary>Creates an instance for one key.</summary>
    /// <param name="key">An AES key: 16, 24 or 32 bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not 16, 24 or 32 bytes.</exception>
    public AesCtr(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24 or 32))
            throw new ArgumentException($"An AES key is 16, 24 or 32 bytes, not {key.Length}.", nameof(key));
        _aes = Aes.Create();
        _aes.SetKey(key);
    }

    /// <summary>XORs <paramref name="input"/> with the keystream that starts at counter block <paramref name="iv"/>.</summary>
    /// <param name="iv">The initial counter block: 16 bytes.</param>
    /// <param name="input">Plaintext or ciphertext, any length.</param>
    /// <param name="output">At least as long as <paramref name="input"/>; may be the same memory.</param>
    /// <exception cref="ArgumentException">The IV is not 16 bytes, or <paramref name="output"/> is shorter than <paramref name="input"/>.</exception>
    public void Transform(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (iv.Length != BlockSize)
            throw new ArgumentException($"The CTR IV (initial counter block) is 16 bytes, not {iv.Length}.", nameof(iv));
        if (output.Length < input.Length)
            throw new ArgumentException($"The output needs {input.Length} bytes; it has {output.Length}.", nameof(output));
        ObjectDisposedException.ThrowIf(_aes is null, this);

        Span<byte> counters = stackalloc byte[ChunkBlocks * BlockSize];
        Span<byte> keystream = stackalloc byte[ChunkBlocks * BlockSize];
        var hi = BinaryPrimitives.ReadUInt64BigEndian(iv);
        var lo = BinaryPrimitives.ReadUInt64BigEndian(iv[8..]);
        try
        {
            for (var offset = 0; offset < input.Length; offset += keystream.Length)
            {
                var length = Math.Min(keystream.Length, input.Length - offset);
                var blocks = (length + BlockSize - 1) / BlockSize;
                for (var b = 0; b < blocks; b++)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(counters[(b * BlockSize)..], hi);
                    BinaryPrimitives.WriteUInt64BigEndian(counters[(b * BlockSize + 8)..], lo);
                    lo++;
                    if (lo == 0)
                        hi++; // the carry: the counter is one 128-bit number
                }

                _aes.EncryptEcb(counters[..(blocks * BlockSize)], keystream[..(blocks * BlockSize)], PaddingMode.None);
                for (var i = 0; i < length; i++)
                    output[offset + i] = (byte)(input[offset + i] ^ keystream[i]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keystream);
        }
    }

    /// <summary>Releases the BCL key schedule.</summary>
    public void Dispose() => _aes.Dispose();
}
