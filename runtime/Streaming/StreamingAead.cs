using System.Security.Cryptography;
using TypedAlg.Runtime.Interop;

namespace TypedAlg.Runtime.Streaming;

/// <summary>
/// Authenticated encryption of data of any size through a kernel AEAD: Tink's AES-GCM-HKDF streaming format (the
/// STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár), over <c>gcm(aes)</c> or, with the same layout,
/// <c>rfc7539(chacha20,poly1305)</c>. The format is in docs/streaming-aead.md.
/// </summary>
/// <remarks>
/// A stream is a header (its length, a random salt, a random 7-byte nonce prefix) and segments of
/// <see cref="SegmentSize"/> ciphertext bytes (the first one shortened by the header, the last one shorter), each
/// sealed on its own with the nonce prefix || segment number || last-segment flag, under a key derived per stream with
/// HKDF-SHA256 from the key, the salt and the associated data. Truncation, extension, reordering, swapping segments
/// between streams and a changed header all fail authentication. An instance holds only these parameters: it is
/// immutable, thread-safe and needs no disposal.
/// </remarks>
public sealed class StreamingAead
{
    /// <summary>The kernel algorithm of <see cref="AesGcmHkdfSha256"/>.</summary>
    public const string AesGcmAlgorithm = "gcm(aes)";

    /// <summary>The kernel algorithm of <see cref="ChaCha20Poly1305HkdfSha256"/>.</summary>
    public const string ChaCha20Poly1305Algorithm = "rfc7539(chacha20,poly1305)";

    /// <summary>The segment AEAD's nonce size: prefix (7) + segment number (4) + last-segment flag (1).</summary>
    public const int NonceSize = 12;

    /// <summary>The random nonce prefix in the header.</summary>
    public const int NoncePrefixSize = 7;

    /// <summary>The tag at the end of every segment.</summary>
    public const int TagSize = 16;

    /// <summary>The default ciphertext segment size: 64 KiB, well inside one AF_ALG message with default sysctls.</summary>
    public const int DefaultSegmentSize = 64 * 1024;

    /// <summary>The largest segment size (Tink's largest template); above about 400 KiB the kernel needs raised net.core.wmem_max and rmem_max.</summary>
    public const int MaxSegmentSize = 1024 * 1024;

    /// <summary>Sets up streaming AEAD over any kernel AEAD with 12-byte nonces and 16-byte tags.</summary>
    /// <param name="algorithm">The kernel AEAD, for example <c>gcm(aes)</c> (<c>GcmAes.AlgorithmName</c>) or a driver name.</param>
    /// <param name="keySize">The size of the per-stream key derived for the AEAD (16, 24 or 32 for AES; 32 for ChaCha20-Poly1305); also the salt size.</param>
    /// <param name="segmentSize">The ciphertext segment size in bytes, tag included.</param>
    /// <exception cref="ArgumentException">A size is out of range.</exception>
    public StreamingAead(string algorithm, int keySize, int segmentSize = DefaultSegmentSize)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        if (keySize is < 16 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(keySize), keySize, "The derived key size must be 16..64 bytes (16, 24 or 32 for AES-GCM, 32 for ChaCha20-Poly1305).");
        }

        var minimum = 1 + keySize + NoncePrefixSize + TagSize + 1;
        if (segmentSize < minimum || segmentSize > MaxSegmentSize)
        {
            throw new ArgumentOutOfRangeException(nameof(segmentSize), segmentSize,
                $"The segment size must be {minimum}..{MaxSegmentSize} bytes (the first segment holds the {1 + keySize + NoncePrefixSize}-byte header, a tag and at least one byte).");
        }

        Algorithm = algorithm;
        KeySize = keySize;
        SegmentSize = segmentSize;
    }

    /// <summary>The kernel AEAD each segment goes through.</summary>
    public string Algorithm { get; }

    /// <summary>The derived per-stream key size in bytes (and the salt size); the key given must have at least as many.</summary>
    public int KeySize { get; }

    /// <summary>The ciphertext segment size in bytes, tag included.</summary>
    public int SegmentSize { get; }

    /// <summary>The header size: 1 + <see cref="KeySize"/> + <see cref="NoncePrefixSize"/>.</summary>
    public int HeaderSize => 1 + KeySize + NoncePrefixSize;

    /// <summary>Plaintext bytes in a full segment other than the first.</summary>
    internal int PlaintextSegmentSize => SegmentSize - TagSize;

    /// <summary>Plaintext bytes in a full first segment (it shares <see cref="SegmentSize"/> with the header).</summary>
    internal int FirstPlaintextSegmentSize => SegmentSize - HeaderSize - TagSize;

    /// <summary>AES-GCM-HKDF-SHA256 streaming as Tink defines it (AES128/AES256_GCM_HKDF_* with the same segment size interoperate).</summary>
    /// <param name="keySize">The AES key size derived per stream: 16, 24 or 32.</param>
    /// <param name="segmentSize">The ciphertext segment size in bytes.</param>
    /// <returns>The parameters.</returns>
    public static StreamingAead AesGcmHkdfSha256(int keySize = 32, int segmentSize = DefaultSegmentSize)
    {
        if (keySize is not (16 or 24 or 32))
        {
            throw new ArgumentOutOfRangeException(nameof(keySize), keySize, "AES keys have 16, 24 or 32 bytes.");
        }

        return new StreamingAead(AesGcmAlgorithm, keySize, segmentSize);
    }

    /// <summary>The same construction with ChaCha20-Poly1305 for the segments and a 32-byte derived key (a TypedAlg format; Tink has no such key type).</summary>
    /// <param name="segmentSize">The ciphertext segment size in bytes.</param>
    /// <returns>The parameters.</returns>
    public static StreamingAead ChaCha20Poly1305HkdfSha256(int segmentSize = DefaultSegmentSize) =>
        new(ChaCha20Poly1305Algorithm, 32, segmentSize);

    /// <summary>The ciphertext size of a plaintext of the given size.</summary>
    /// <param name="plaintextLength">The plaintext size in bytes.</param>
    /// <returns>Header + plaintext + one tag per segment.</returns>
    public long GetCiphertextLength(long plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        var segments = plaintextLength <= FirstPlaintextSegmentSize
            ? 1
            : 1 + ((plaintextLength - FirstPlaintextSegmentSize + PlaintextSegmentSize - 1) / PlaintextSegmentSize);
        return HeaderSize + plaintextLength + (segments * TagSize);
    }

    /// <summary>The plaintext size of a ciphertext of the given size, or -1 when no stream of this format has that size.</summary>
    /// <param name="ciphertextLength">The ciphertext size in bytes.</param>
    /// <returns>The plaintext size, or -1.</returns>
    public long GetPlaintextLength(long ciphertextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ciphertextLength);
        var body = ciphertextLength - HeaderSize;
        if (body < TagSize)
        {
            return -1;
        }

        var firstSegment = SegmentSize - HeaderSize;
        if (body <= firstSegment)
        {
            return body - TagSize;
        }

        var rest = body - firstSegment;
        var segments = 1 + ((rest + SegmentSize - 1) / SegmentSize);
        var lastLength = rest - ((rest - 1) / SegmentSize * SegmentSize);
        return lastLength < TagSize ? -1 : body - (segments * TagSize);
    }

    /// <summary>
    /// Starts a stream: writes its header to <paramref name="output"/> now, then a segment whenever a full one is
    /// buffered and more data follows. Call <see cref="StreamingAeadSealingStream.Complete"/> at the end: only that writes
    /// the last segment, so a stream abandoned on an error never opens.
    /// </summary>
    /// <param name="output">Where the ciphertext goes.</param>
    /// <param name="key">The key, at least <see cref="KeySize"/> bytes (HKDF input keying material); the stream keeps no copy.</param>
    /// <param name="associatedData">Data authenticated with the whole stream but not encrypted (HKDF info).</param>
    /// <param name="leaveOpen">Whether disposing the sealing stream leaves <paramref name="output"/> open.</param>
    /// <returns>The stream to write the plaintext to.</returns>
    /// <exception cref="ArgumentException">The key is too short, or a segment does not fit one kernel message here.</exception>
    public StreamingAeadSealingStream CreateSealingStream(Stream output, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData = default,
                                                          bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckKey(key);
        return new StreamingAeadSealingStream(this, output, key, associatedData, leaveOpen, default, default);
    }

    /// <summary>
    /// Opens a stream: reads and checks its header now, then yields each segment's plaintext once the segment has
    /// authenticated. The end of the plaintext is authentic only when a read returns 0 without an exception: a
    /// truncated stream throws there, after the earlier segments were read.
    /// </summary>
    /// <param name="input">The ciphertext, read to its end.</param>
    /// <param name="key">The key the stream was sealed with.</param>
    /// <param name="associatedData">The associated data it was sealed with.</param>
    /// <param name="leaveOpen">Whether disposing the opening stream leaves <paramref name="input"/> open.</param>
    /// <returns>A read-only stream of the plaintext.</returns>
    /// <exception cref="AuthenticationTagMismatchException">The header is malformed (reads throw it for segments).</exception>
    public Stream CreateOpeningStream(Stream input, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData = default, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckKey(key);
        return new StreamingAeadOpeningStream(this, input, key, associatedData, leaveOpen);
    }

    /// <summary>Seals a whole plaintext held in memory.</summary>
    /// <param name="key">The key, at least <see cref="KeySize"/> bytes.</param>
    /// <param name="plaintext">The plaintext.</param>
    /// <param name="associatedData">Data authenticated but not encrypted.</param>
    /// <returns><see cref="GetCiphertextLength"/> bytes.</returns>
    public byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        var result = new byte[GetCiphertextLength(plaintext.Length)];
        SealInto(key, plaintext, result, associatedData);
        return result;
    }

    /// <summary>Seals a whole plaintext into <paramref name="destination"/> (a name of its own: with byte arrays, an overload of Seal would take the destination for associated data).</summary>
    /// <param name="key">The key, at least <see cref="KeySize"/> bytes.</param>
    /// <param name="plaintext">The plaintext; must not overlap <paramref name="destination"/>.</param>
    /// <param name="destination">At least <see cref="GetCiphertextLength"/> bytes.</param>
    /// <param name="associatedData">Data authenticated but not encrypted.</param>
    /// <returns>The bytes written.</returns>
    public int SealInto(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, Span<byte> destination, ReadOnlySpan<byte> associatedData = default) =>
        SealCore(key, plaintext, destination, associatedData, default, default);

    /// <summary>Opens a whole ciphertext held in memory.</summary>
    /// <param name="key">The key it was sealed with.</param>
    /// <param name="ciphertext">The output of <see cref="Seal"/> or a sealing stream.</param>
    /// <param name="associatedData">The associated data it was sealed with.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="AuthenticationTagMismatchException">The ciphertext is not authentic.</exception>
    public byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData = default)
    {
        var length = GetPlaintextLength(ciphertext.Length);
        if (length < 0)
        {
            throw SegmentCipher.Tampered($"no stream of this format has {ciphertext.Length} bytes");
        }

        var result = new byte[length];
        OpenInto(key, ciphertext, result, associatedData);
        return result;
    }

    /// <summary>Opens a whole ciphertext into <paramref name="destination"/>; on failure what was written is zeroed.</summary>
    /// <param name="key">The key it was sealed with.</param>
    /// <param name="ciphertext">The ciphertext; must not overlap <paramref name="destination"/>.</param>
    /// <param name="destination">At least <see cref="GetPlaintextLength"/> bytes.</param>
    /// <param name="associatedData">The associated data it was sealed with.</param>
    /// <returns>The bytes written.</returns>
    /// <exception cref="AuthenticationTagMismatchException">The ciphertext is not authentic.</exception>
    public int OpenInto(ReadOnlySpan<byte> key, ReadOnlySpan<byte> ciphertext, Span<byte> destination, ReadOnlySpan<byte> associatedData = default)
    {
        CheckKey(key);
        var length = GetPlaintextLength(ciphertext.Length);
        if (length < 0)
        {
            throw SegmentCipher.Tampered($"no stream of this format has {ciphertext.Length} bytes");
        }

        Validate.AtLeast(destination.Length, (int)length, nameof(destination), "plaintext destination");
        if (ciphertext.Overlaps(destination))
        {
            throw new ArgumentException("The destination must not overlap the ciphertext.", nameof(destination));
        }

        using var cipher = SegmentCipher.ForOpening(this, key, associatedData, ciphertext);
        var read = HeaderSize;
        var written = 0;
        var segment = SegmentSize - HeaderSize;
        try
        {
            while (!cipher.Ended)
            {
                var take = Math.Min(segment, ciphertext.Length - read);
                var last = read + take == ciphertext.Length;
                cipher.Open(ciphertext.Slice(read, take), destination[written..], last);
                read += take;
                written += take - TagSize;
                segment = SegmentSize;
            }
        }
        catch
        {
            CryptographicOperations.ZeroMemory(destination[..written]);
            throw;
        }

        return written;
    }

    /// <summary>A sealing stream with a given salt and nonce prefix: for test vectors only (both must be random in real use).</summary>
    internal StreamingAeadSealingStream CreateSealingStream(Stream output, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData,
                                                            ReadOnlySpan<byte> salt, ReadOnlySpan<byte> noncePrefix)
    {
        CheckKey(key);
        return new StreamingAeadSealingStream(this, output, key, associatedData, leaveOpen: true, salt, noncePrefix);
    }

    /// <summary>Seals with a given salt and nonce prefix: for test vectors only (both must be random in real use).</summary>
    internal int SealCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, Span<byte> destination, ReadOnlySpan<byte> associatedData,
                          ReadOnlySpan<byte> salt, ReadOnlySpan<byte> noncePrefix)
    {
        CheckKey(key);
        var length = GetCiphertextLength(plaintext.Length);
        if (length > int.MaxValue)
        {
            throw new ArgumentException($"The ciphertext would have {length} bytes, more than a span holds; use CreateSealingStream.", nameof(plaintext));
        }

        Validate.AtLeast(destination.Length, (int)length, nameof(destination), "ciphertext destination");
        if (plaintext.Overlaps(destination))
        {
            throw new ArgumentException("The destination must not overlap the plaintext.", nameof(destination));
        }

        using var cipher = SegmentCipher.ForSealing(this, key, associatedData, destination[..HeaderSize], salt, noncePrefix);
        var written = HeaderSize;
        var read = 0;
        var segment = FirstPlaintextSegmentSize;
        do
        {
            var take = Math.Min(segment, plaintext.Length - read);
            var last = read + take == plaintext.Length;
            cipher.Seal(plaintext.Slice(read, take), destination[written..], last);
            read += take;
            written += take + TagSize;
            segment = PlaintextSegmentSize;
        }
        while (!cipher.Ended);
        return written;
    }

    /// <summary>Tink's rule: the input keying material has at least as many bytes as the derived key.</summary>
    internal void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < KeySize)
        {
            throw new ArgumentException($"The key must have at least {KeySize} bytes (the derived key size); it has {key.Length}.", nameof(key));
        }
    }
}
