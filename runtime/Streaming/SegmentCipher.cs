using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TypedAlg.Runtime.Streaming;

/// <summary>
/// One stream's segments (docs/streaming-aead.md): the kernel AEAD keyed with the HKDF-derived stream key, and the
/// nonce of segment i = prefix (7 bytes) || i (4 bytes big-endian) || last-segment flag (1 byte). Segments go strictly
/// in order, so a caller cannot reuse a nonce or skip one.
/// </summary>
internal sealed class SegmentCipher : IDisposable
{
    private readonly AeadCore _core;
    private readonly byte[] _nonce = new byte[StreamingAead.NonceSize];
    private long _next; // the next segment's index; up to 2^32 segments
    private bool _ended;

    private SegmentCipher(AeadCore core, ReadOnlySpan<byte> noncePrefix)
    {
        _core = core;
        noncePrefix.CopyTo(_nonce);
    }

    /// <summary>The largest message (a segment, tag included) the kernel socket takes; queries the socket.</summary>
    public int MaxMessageLength => _core.MaxMessageLength;

    /// <summary>Whether the last segment went through.</summary>
    public bool Ended => _ended;

    /// <summary>Writes a new stream's header (fresh random salt and nonce prefix unless given) and keys the AEAD.</summary>
    public static SegmentCipher ForSealing(StreamingAead parameters, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData,
                                           Span<byte> header, ReadOnlySpan<byte> salt = default, ReadOnlySpan<byte> noncePrefix = default)
    {
        header[0] = (byte)parameters.HeaderSize;
        var headerSalt = header.Slice(1, parameters.KeySize);
        var headerPrefix = header.Slice(1 + parameters.KeySize, StreamingAead.NoncePrefixSize);
        if (salt.IsEmpty)
        {
            RandomNumberGenerator.Fill(headerSalt);
            RandomNumberGenerator.Fill(headerPrefix);
        }
        else
        {
            salt.CopyTo(headerSalt);
            noncePrefix.CopyTo(headerPrefix);
        }

        return Create(parameters, key, associatedData, header);
    }

    /// <summary>Checks a header read from a stream and keys the AEAD from it.</summary>
    /// <exception cref="AuthenticationTagMismatchException">The header is not one this format writes.</exception>
    public static SegmentCipher ForOpening(StreamingAead parameters, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData,
                                           ReadOnlySpan<byte> header)
    {
        if (header.Length < parameters.HeaderSize)
        {
            throw Tampered($"the stream ends inside its {parameters.HeaderSize}-byte header");
        }

        if (header[0] != parameters.HeaderSize)
        {
            throw Tampered($"the header's length byte is {header[0]}, not {parameters.HeaderSize}");
        }

        return Create(parameters, key, associatedData, header);
    }

    /// <summary>Seals the next segment: ciphertext (as long as the plaintext) then the tag.</summary>
    public void Seal(ReadOnlySpan<byte> plaintext, Span<byte> ciphertextAndTag, bool last)
    {
        NextNonce(last);
        _core.Encrypt(_nonce, plaintext, ciphertextAndTag[..plaintext.Length],
                      ciphertextAndTag.Slice(plaintext.Length, StreamingAead.TagSize));
    }

    /// <summary>Opens the next segment (ciphertext || tag); the plaintext is zeroed when it is not authentic.</summary>
    /// <exception cref="AuthenticationTagMismatchException">The segment is not the next one of this stream, or was changed.</exception>
    public void Open(ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext, bool last)
    {
        if (ciphertextAndTag.Length < StreamingAead.TagSize)
        {
            throw Tampered($"segment {_next} has {ciphertextAndTag.Length} bytes, less than a tag: the stream was truncated");
        }

        var index = _next;
        NextNonce(last);
        var textLength = ciphertextAndTag.Length - StreamingAead.TagSize;
        if (!_core.TryDecrypt(_nonce, ciphertextAndTag[..textLength], ciphertextAndTag[textLength..], plaintext[..textLength]))
        {
            _ended = true; // nothing more comes out of a stream that failed once
            throw Tampered(last
                ? $"segment {index} (the last one read) does not authenticate: the stream was truncated, extended or changed"
                : $"segment {index} does not authenticate: segments were changed, reordered or swapped, or the key, associated data or header differ");
        }
    }

    public void Dispose() => _core.Dispose();

    internal static AuthenticationTagMismatchException Tampered(string why) =>
        new($"The streaming AEAD ciphertext is not authentic: {why}.");

    private static SegmentCipher Create(StreamingAead parameters, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData,
                                        ReadOnlySpan<byte> header)
    {
        // The stream key exists in this process only for the moment it takes to hand it to the kernel.
        Span<byte> streamKey = stackalloc byte[parameters.KeySize];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, key, streamKey, header.Slice(1, parameters.KeySize), associatedData);
            var core = new AeadCore(parameters.Algorithm, streamKey, StreamingAead.NonceSize, StreamingAead.TagSize);
            return new SegmentCipher(core, header.Slice(1 + parameters.KeySize, StreamingAead.NoncePrefixSize));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(streamKey);
        }
    }

    private void NextNonce(bool last)
    {
        if (_ended)
        {
            throw new InvalidOperationException("The stream's last segment has been processed; a stream has no segment after it.");
        }

        if (_next > uint.MaxValue)
        {
            throw new InvalidOperationException("A stream has at most 2^32 segments (the counter in the nonce is 4 bytes); use a larger segment size.");
        }

        BinaryPrimitives.WriteUInt32BigEndian(_nonce.AsSpan(StreamingAead.NoncePrefixSize), (uint)_next);
        _nonce[^1] = last ? (byte)1 : (byte)0;
        _next++;
        _ended = last;
    }
}
