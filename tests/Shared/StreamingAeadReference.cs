using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TypedAlg.Tests;

/// <summary>
/// The streaming AEAD format of docs/streaming-aead.md written again with the BCL only (HKDF, AesGcm, ChaCha20Poly1305):
/// an independent implementation that computes tests/vectors/streaming-aead/streaming-aead.rsp, which the kernel-backed
/// StreamingAead must reproduce byte for byte. Linked into the host runtime tests and the kernel tests.
/// </summary>
internal static class StreamingAeadReference
{
    /// <summary>The seed every vector input is derived from (see <see cref="SeededBytes"/>).</summary>
    public const string Seed = "TypedAlg streaming AEAD vectors v1";

    public const string FileName = "streaming-aead.rsp";

    /// <summary>(algorithm, derived key size, segment size, key length, AAD length, plaintext lengths) per section.</summary>
    private static readonly (string Algorithm, int KeySize, int SegmentSize, int KeyLength, int AadLength, int[] Lengths)[] Sections =
    [
        ("gcm(aes)", 16, 64, 32, 0, [0, 1, 24, 25, 72, 120, 125]),
        ("gcm(aes)", 32, 100, 32, 13, [0, 44, 45, 128, 296, 300]),
        ("gcm(aes)", 24, 80, 24, 5, [0, 17, 100]),
        ("rfc7539(chacha20,poly1305)", 32, 128, 32, 0, [0, 72, 184, 1000]),
        ("rfc7539(chacha20,poly1305)", 32, 4096, 40, 31, [10000]),
        ("gcm(aes)", 32, 4096, 32, 31, [4040, 10000]),
    ];

    /// <summary>
    /// Deterministic bytes: SHA-256(UTF-8 "SEED/LABEL/i") for i = 0, 1, ... concatenated and cut to the length.
    /// </summary>
    public static byte[] SeededBytes(string label, int length)
    {
        var result = new byte[length];
        for (var i = 0; i * 32 < length; i++)
        {
            var block = SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}/{label}/{i.ToString(CultureInfo.InvariantCulture)}"));
            block.AsSpan(0, Math.Min(32, length - (i * 32))).CopyTo(result.AsSpan(i * 32));
        }

        return result;
    }

    /// <summary>Seals with the BCL: header || segments, as the format says.</summary>
    public static byte[] Seal(string algorithm, int keySize, int segmentSize, byte[] key, byte[] aad, byte[] salt, byte[] prefix, byte[] plaintext)
    {
        var headerSize = 1 + keySize + 7;
        var streamKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, keySize, salt, aad);
        using var output = new MemoryStream();
        output.WriteByte((byte)headerSize);
        output.Write(salt);
        output.Write(prefix);
        var read = 0;
        var capacity = segmentSize - headerSize - 16;
        for (uint segment = 0; ; segment++)
        {
            var take = Math.Min(capacity, plaintext.Length - read);
            var last = read + take == plaintext.Length;
            var nonce = new byte[12];
            prefix.CopyTo(nonce, 0);
            BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(7), segment);
            nonce[11] = last ? (byte)1 : (byte)0;
            var ciphertext = new byte[take];
            var tag = new byte[16];
            SealSegment(algorithm, streamKey, nonce, plaintext.AsSpan(read, take), ciphertext, tag);
            output.Write(ciphertext);
            output.Write(tag);
            read += take;
            capacity = segmentSize - 16;
            if (last)
            {
                return output.ToArray();
            }
        }
    }

    /// <summary>One segment with the BCL's AEAD of the same name.</summary>
    public static void SealSegment(string algorithm, byte[] streamKey, byte[] nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        if (algorithm == "gcm(aes)")
        {
            using var gcm = new AesGcm(streamKey, 16);
            gcm.Encrypt(nonce, plaintext, ciphertext, tag);
        }
        else
        {
            using var chacha = new ChaCha20Poly1305(streamKey);
            chacha.Encrypt(nonce, plaintext, ciphertext, tag);
        }
    }

    /// <summary>The vector file's text, computed from <see cref="Seed"/>.</summary>
    public static string VectorFile()
    {
        var text = new StringBuilder();
        text.Append("# Streaming AEAD test vectors (docs/streaming-aead.md): Tink's AES-GCM-HKDF streaming format, and the same\n");
        text.Append("# construction over ChaCha20-Poly1305. Computed with .NET's HKDF, AesGcm and ChaCha20Poly1305 by\n");
        text.Append("# tests/Shared/StreamingAeadReference.cs; every input is SHA-256(\"" + Seed + "/LABEL/i\"), i = 0, 1, ...\n");
        text.Append("# Regenerate: TYPEDALG_ACCEPT_VECTORS=1 dotnet test tests/TypedAlg.Runtime.Tests -c Release\n");
        var count = 0;
        foreach (var (algorithm, keySize, segmentSize, keyLength, aadLength, lengths) in Sections)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[Algorithm = {algorithm}]\n[KeySize = {keySize}]\n[SegmentSize = {segmentSize}]\n");
            foreach (var length in lengths)
            {
                var label = $"{count}";
                var key = SeededBytes(label + "/key", keyLength);
                var aad = SeededBytes(label + "/aad", aadLength);
                var salt = SeededBytes(label + "/salt", keySize);
                var prefix = SeededBytes(label + "/prefix", 7);
                var plaintext = SeededBytes(label + "/plaintext", length);
                var ciphertext = Seal(algorithm, keySize, segmentSize, key, aad, salt, prefix, plaintext);
                text.Append(CultureInfo.InvariantCulture, $"\nCount = {count}\n");
                text.Append(CultureInfo.InvariantCulture, $"Key = {Hex(key)}\nAAD = {Hex(aad)}\nSalt = {Hex(salt)}\nNoncePrefix = {Hex(prefix)}\n");
                text.Append(CultureInfo.InvariantCulture, $"PlaintextLength = {length}\nPlaintext = {Hex(plaintext)}\nCiphertext = {Hex(ciphertext)}\n");
                count++;
            }
        }

        return text.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
