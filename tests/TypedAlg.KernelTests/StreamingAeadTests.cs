using System.Buffers.Binary;
using System.Security.Cryptography;
using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime.Streaming;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>
/// Streaming AEAD through the kernel's gcm(aes) and rfc7539(chacha20,poly1305): the committed vectors (computed with
/// the BCL) sealed to the exact bytes and opened, one segment checked against AesGcm by hand, round trips at the
/// segment boundaries, and every kind of tampering rejected.
/// </summary>
public sealed class StreamingAeadTests
{
    private static readonly byte[] Key = Inputs.Bytes(32, 71);

    public static TheoryData<string> Algorithms => new() { StreamingAead.AesGcmAlgorithm, StreamingAead.ChaCha20Poly1305Algorithm };

    private static StreamingAead Small(string algorithm) => new(algorithm, 32, 100); // header 40: first segment 44 bytes of plaintext, then 84

    private static IEnumerable<RspCase> Vectors() => RspFile.Read("../streaming-aead/" + StreamingAeadReference.FileName);

    private static StreamingAead Parameters(RspCase v) =>
        new(v.Section["Algorithm"], int.Parse(v.Section["KeySize"]), int.Parse(v.Section["SegmentSize"]));

    [Fact]
    public void VectorsSealToTheExactBytes()
    {
        var count = 0;
        foreach (var v in Vectors())
        {
            var aead = Parameters(v);
            var expected = v.Hex("Ciphertext");
            var spanSealed = new byte[expected.Length];
            Assert.Equal(expected.Length, aead.SealCore(v.Hex("Key"), v.Hex("Plaintext"), spanSealed, v.Hex("AAD"), v.Hex("Salt"), v.Hex("NoncePrefix")));
            Assert.True(expected.AsSpan().SequenceEqual(spanSealed), $"span seal, case {v["Count"]}");

            using var output = new MemoryStream();
            using (var sealing = aead.CreateSealingStream(output, v.Hex("Key"), v.Hex("AAD"), v.Hex("Salt"), v.Hex("NoncePrefix")))
            {
                foreach (var chunk in v.Hex("Plaintext").Chunk(7))
                {
                    sealing.Write(chunk);
                }

                sealing.Complete();
            }

            Assert.True(expected.AsSpan().SequenceEqual(output.ToArray()), $"stream seal, case {v["Count"]}");
            count++;
        }

        Assert.Equal(23, count);
    }

    [Fact]
    public void VectorsOpen()
    {
        foreach (var v in Vectors())
        {
            var aead = Parameters(v);
            Assert.Equal(v.Hex("Plaintext"), aead.Open(v.Hex("Key"), v.Hex("Ciphertext"), v.Hex("AAD")));
            using var opening = aead.CreateOpeningStream(new MemoryStream(v.Hex("Ciphertext")), v.Hex("Key"), v.Hex("AAD"));
            using var plaintext = new MemoryStream();
            opening.CopyTo(plaintext, 5);
            Assert.Equal(v.Hex("Plaintext"), plaintext.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void ASegmentIsTheBclAeadUnderTheHkdfKeyAndTheCounterNonce(string algorithm)
    {
        // Not a round trip: the kernel's second segment rebuilt from the format's definition with the BCL alone.
        var aead = Small(algorithm);
        var aad = "stream header"u8.ToArray();
        var plaintext = Inputs.Bytes(200, 72);
        var sealedBytes = aead.Seal(Key, plaintext, aad);
        Assert.Equal(aead.HeaderSize, sealedBytes[0]);
        var salt = sealedBytes.AsSpan(1, 32).ToArray();
        var prefix = sealedBytes.AsSpan(33, 7);
        var streamKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Key, 32, salt, aad);
        var nonce = new byte[12];
        prefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(7), 1);
        nonce[11] = 0;
        var ciphertext = new byte[84];
        var tag = new byte[16];
        StreamingAeadReference.SealSegment(algorithm, streamKey, nonce, plaintext.AsSpan(44, 84), ciphertext, tag);
        Assert.True(ciphertext.AsSpan().SequenceEqual(sealedBytes.AsSpan(100, 84)));
        Assert.True(tag.AsSpan().SequenceEqual(sealedBytes.AsSpan(184, 16)));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void RoundTripsAtSegmentBoundaries(string algorithm)
    {
        var aead = Small(algorithm);
        // 0 bytes, inside the first segment, exactly 1, 2 and 3 segments, one byte past, and many segments.
        foreach (var length in new[] { 0, 1, 43, 44, 45, 44 + 84, 44 + 168, 44 + 168 + 1, 10_000 })
        {
            var plaintext = Inputs.Bytes(length, length);
            var sealedBytes = aead.Seal(Key, plaintext, "ad"u8);
            Assert.Equal(aead.GetCiphertextLength(length), sealedBytes.Length);
            Assert.Equal(plaintext, aead.Open(Key, sealedBytes, "ad"u8));

            foreach (var chunk in new[] { 1, 44, 84, 1000 })
            {
                var streamed = SealStreaming(aead, plaintext, chunk, "ad"u8.ToArray());
                Assert.Equal(aead.GetCiphertextLength(length), streamed.Length);
                Assert.Equal(plaintext, OpenStreaming(aead, streamed, "ad"u8.ToArray(), chunk));
                Assert.Equal(plaintext, aead.Open(Key, streamed, "ad"u8));
            }
        }
    }

    [Fact]
    public void DefaultParametersRoundTripAMegabyteInBothAlgorithms()
    {
        var plaintext = Inputs.Bytes((1 << 20) + 3, 73);
        foreach (var aead in new[] { StreamingAead.AesGcmHkdfSha256(), StreamingAead.AesGcmHkdfSha256(16), StreamingAead.ChaCha20Poly1305HkdfSha256() })
        {
            Assert.Equal(plaintext, OpenStreaming(aead, SealStreaming(aead, plaintext, 50_000, []), [], 70_000));
        }
    }

    /// <summary>Each change to a sealed stream of 4 segments (header 40, segments of 100 bytes) that must be rejected.</summary>
    public static TheoryData<string, string> Tamperings()
    {
        var data = new TheoryData<string, string>();
        foreach (var algorithm in new[] { StreamingAead.AesGcmAlgorithm, StreamingAead.ChaCha20Poly1305Algorithm })
        {
            foreach (var change in new[]
            {
                "truncate-last-segment", "truncate-to-header", "truncate-inside-header", "truncate-one-byte", "truncate-to-nothing",
                "append-byte", "append-segment", "swap-segments", "duplicate-segment", "segment-from-other-stream",
                "header-length", "header-salt", "header-prefix", "flip-ciphertext", "flip-tag", "wrong-aad", "wrong-key",
            })
            {
                data.Add(algorithm, change);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void TamperingIsRejected(string algorithm, string change)
    {
        var aead = Small(algorithm);
        var plaintext = Inputs.Bytes(44 + (84 * 2) + 50, 74); // segments: 60 + 40 header, 100, 100, 66
        var aad = "ad"u8.ToArray();
        var sealedBytes = aead.Seal(Key, plaintext, aad);
        var other = aead.Seal(Key, plaintext, aad); // same key and plaintext, another salt and prefix
        var key = Key;
        byte[] Segment(byte[] s, int i) => s.AsSpan(100 * i, 100).ToArray();
        var tampered = change switch
        {
            "truncate-last-segment" => sealedBytes[..300],
            "truncate-to-header" => sealedBytes[..40],
            "truncate-inside-header" => sealedBytes[..20],
            "truncate-one-byte" => sealedBytes[..^1],
            "truncate-to-nothing" => [],
            "append-byte" => [.. sealedBytes, 0],
            "append-segment" => [.. sealedBytes, .. Segment(sealedBytes, 2)],
            "swap-segments" => [.. sealedBytes[..100], .. Segment(sealedBytes, 2), .. Segment(sealedBytes, 1), .. sealedBytes[300..]],
            "duplicate-segment" => [.. sealedBytes[..200], .. Segment(sealedBytes, 1), .. sealedBytes[300..]],
            "segment-from-other-stream" => [.. sealedBytes[..100], .. Segment(other, 1), .. sealedBytes[200..]],
            _ => (byte[])sealedBytes.Clone(),
        };
        switch (change)
        {
            case "header-length": tampered[0]++; break;
            case "header-salt": tampered[5] ^= 1; break;
            case "header-prefix": tampered[36] ^= 0x80; break;
            case "flip-ciphertext": tampered[150] ^= 4; break;
            case "flip-tag": tampered[^1] ^= 1; break;
            case "wrong-aad": aad = "ae"u8.ToArray(); break;
            case "wrong-key": key = Inputs.Bytes(32, 75); break;
        }

        Assert.Throws<AuthenticationTagMismatchException>(() => aead.Open(key, tampered, aad));
        var destination = new byte[plaintext.Length + 200];
        destination.AsSpan().Fill(0x5A);
        Assert.Throws<AuthenticationTagMismatchException>(() => aead.OpenInto(key, tampered, destination, aad));
        Assert.DoesNotContain(destination, b => b != 0 && b != 0x5A); // nothing unauthenticated stays behind
        Assert.Throws<AuthenticationTagMismatchException>(() => OpenStreaming(aead, tampered, aad, 64, key));
    }

    [Fact]
    public void AStreamDisposedWithoutCompleteDoesNotOpen()
    {
        var aead = Small(StreamingAead.AesGcmAlgorithm);
        using var output = new MemoryStream();
        using (var sealing = aead.CreateSealingStream(output, Key, leaveOpen: true))
        {
            sealing.Write(Inputs.Bytes(300, 76));
        }

        Assert.Equal(400, output.Length); // header and 4 full segments (44 + 3 x 84 bytes) went out; the last 4 bytes and the last flag did not
        Assert.Throws<AuthenticationTagMismatchException>(() => aead.Open(Key, output.ToArray()));
    }

    [Fact]
    public void ACompletedStreamTakesNoMoreData()
    {
        var aead = Small(StreamingAead.AesGcmAlgorithm);
        using var sealing = aead.CreateSealingStream(new MemoryStream(), Key);
        sealing.Write("abc"u8);
        sealing.Complete();
        Assert.True(sealing.IsCompleted);
        Assert.False(sealing.CanWrite);
        Assert.Throws<InvalidOperationException>(() => sealing.Write("d"u8));
        Assert.Throws<InvalidOperationException>(sealing.Complete);
    }

    private static byte[] SealStreaming(StreamingAead aead, byte[] plaintext, int chunk, byte[] aad)
    {
        using var output = new MemoryStream();
        using (var sealing = aead.CreateSealingStream(output, Key, aad, leaveOpen: true))
        {
            foreach (var part in plaintext.Chunk(chunk))
            {
                sealing.Write(part);
            }

            sealing.Complete();
        }

        return output.ToArray();
    }

    private static byte[] OpenStreaming(StreamingAead aead, byte[] ciphertext, byte[] aad, int chunk, byte[]? key = null)
    {
        using var opening = aead.CreateOpeningStream(new MemoryStream(ciphertext), key ?? Key, aad);
        using var plaintext = new MemoryStream();
        var buffer = new byte[chunk];
        int read;
        while ((read = opening.Read(buffer)) > 0)
        {
            plaintext.Write(buffer, 0, read);
        }

        Assert.Equal(0, opening.Read(buffer)); // the end stays the end
        return plaintext.ToArray();
    }
}
