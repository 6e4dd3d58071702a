using System.Security.Cryptography;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>Issue 15: PKCS#7 one-shots, the span forms of Seal/Open, and truncated-MAC Verify.</summary>
public sealed class PaddingAndSpanTests
{
    [Fact]
    public void EveryPkcs7LengthFrom0To32RoundTripsAndEqualsAes()
    {
        var key = CbcAes.Key256.Random();
        using var cbc = new CbcAes(key);
        using var ecb = new EcbAes(EcbAes.Key256.Create(key.AsSpan()));
        using var aes = Aes.Create();
        aes.Key = key.AsSpan().ToArray();
        var iv = CbcAes.Iv.Random();
        for (var length = 0; length <= 32; length++)
        {
            var plain = RandomNumberGenerator.GetBytes(length);
            var expected = aes.EncryptCbc(plain, iv.AsSpan());
            Assert.Equal(expected.Length, CbcAes.GetPkcs7CiphertextLength(length));
            Assert.Equal(expected, cbc.EncryptPkcs7(iv, plain));
            Assert.Equal(plain, cbc.DecryptPkcs7(iv, expected));
            Assert.Equal(aes.EncryptEcb(plain, PaddingMode.PKCS7), ecb.EncryptPkcs7(plain));
            Assert.Equal(plain, ecb.DecryptPkcs7(ecb.EncryptPkcs7(plain)));

            // Span forms, in place and into a destination shorter than the ciphertext.
            var buffer = new byte[48];
            plain.CopyTo(buffer, 0);
            var written = cbc.EncryptPkcs7(iv, buffer.AsSpan(0, length), buffer);
            Assert.Equal(expected, buffer[..written]);
            var exact = new byte[length];
            Assert.Equal(length, cbc.DecryptPkcs7(iv, expected, exact));
            Assert.Equal(plain, exact);
        }

        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => cbc.EncryptPkcs7(iv, new byte[16], new byte[16])).ParamName);
#pragma warning disable TA0002 // the run-time check behind TA0002
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => cbc.DecryptPkcs7(iv, new byte[17])).ParamName);
#pragma warning restore TA0002
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => cbc.DecryptPkcs7(iv, [])).ParamName);
    }

    [Fact]
    public void EveryMalformedPaddingIsRejectedAlike()
    {
        using var cbc = new CbcAes(CbcAes.Key128.Random());
        var iv = CbcAes.Iv.Random();
        var messages = new HashSet<string>();
        var rejected = 0;
        foreach (var block in MalformedLastBlocks())
        {
            // A two-block message whose last plaintext block carries the malformed padding, encrypted without padding.
            byte[] plain = [.. RandomNumberGenerator.GetBytes(16), .. block];
            var ciphertext = cbc.Encrypt(iv, plain);
            var destination = new byte[32];
            destination.AsSpan().Fill(0xAA);
            messages.Add(Assert.Throws<CryptographicException>(() => cbc.DecryptPkcs7(iv, ciphertext, destination)).Message);
            Assert.All(destination, b => Assert.Equal(0, b)); // the plaintext is not left behind
            using var decryptor = cbc.CreateDecryptorTransform(iv);
            messages.Add(Assert.Throws<CryptographicException>(() => decryptor.TransformFinalBlock(ciphertext, 0, 32)).Message);
            rejected++;
        }

        // Pad byte 0 or 17..255 (240 blocks), and for each pad length 2..16 each of the other pad bytes wrong (120).
        Assert.Equal(240 + 120, rejected);
        Assert.Single(messages); // one message: it does not say where the padding failed
    }

    [Fact]
    public void SealIntoAndTryOpenUseCallerBuffers()
    {
        using var gcm = new GcmAes(GcmAes.Key128.Random());
        var plain = RandomNumberGenerator.GetBytes(1000);
        var sealedData = new byte[GcmAes.NonceSize + plain.Length + GcmAes.TagSize + 5];
        var written = gcm.SealInto(plain, sealedData, "ad"u8);
        Assert.Equal(sealedData.Length - 5, written);
        Assert.Equal(plain, gcm.Open(sealedData.AsSpan(0, written), "ad"u8));

        var opened = new byte[plain.Length];
        Assert.True(gcm.TryOpen(sealedData.AsSpan(0, written), opened, out var bytesWritten, "ad"u8));
        Assert.Equal(plain.Length, bytesWritten);
        Assert.Equal(plain, opened);
        Assert.True(gcm.TryOpen(gcm.Seal(plain), opened, out _));

        sealedData[20] ^= 1;
        Assert.False(gcm.TryOpen(sealedData.AsSpan(0, written), opened, out bytesWritten, "ad"u8));
        Assert.Equal(0, bytesWritten);
        Assert.All(opened, b => Assert.Equal(0, b));

        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => gcm.SealInto(plain, new byte[1027])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => gcm.TryOpen(sealedData.AsSpan(0, written), new byte[999], out _)).ParamName);
        Assert.Equal("sealedData", Assert.Throws<ArgumentException>(() => gcm.TryOpen(new byte[27], opened, out _)).ParamName);
        using var chacha = new ChaCha20Poly1305Aead(ChaCha20Poly1305Aead.Key256.Random());
        var buffer = new byte[plain.Length + 28];
        Assert.True(chacha.TryOpen(buffer.AsSpan(0, chacha.SealInto(plain, buffer)), opened, out _));
        Assert.Equal(plain, opened);
    }

    [Fact]
    public void VerifyAcceptsMacsTruncatedToTheDocumentedMinimum()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var data = RandomNumberGenerator.GetBytes(300);
        using var hmac = new HmacSha256(key);
        var full = HMACSHA256.HashData(key, data);
        Assert.Equal(16, HmacSha256.MinimumTruncatedMacSize);
        for (var length = HmacSha256.MinimumTruncatedMacSize; length <= HmacSha256.MacSize; length++)
        {
            Assert.True(hmac.Verify(data, full.AsSpan(0, length)));
            var forged = full[..length];
            forged[^1] ^= 1;
            Assert.False(hmac.Verify(data, forged));
        }

        // TA0031 reports this 15-byte slice at compile time; the run-time check refuses it as well.
#pragma warning disable TA0031
        var e = Assert.Throws<ArgumentException>(() => hmac.Verify(data, full.AsSpan(0, 15)));
#pragma warning restore TA0031
        Assert.Equal("mac", e.ParamName);
        Assert.Contains("16 to 32", e.Message, StringComparison.Ordinal);
        Assert.Equal("mac", Assert.Throws<ArgumentException>(() => hmac.Verify(data, new byte[33])).ParamName);
        using var cmac = new CmacAes(CmacAes.Key128.Random());
        Assert.True(cmac.Verify(data, cmac.Compute(data).AsSpan()));
    }

    private static IEnumerable<byte[]> MalformedLastBlocks()
    {
        for (var pad = 0; pad < 256; pad++)
        {
            if (pad is 0 or > 16)
            {
                var block = RandomNumberGenerator.GetBytes(16);
                block[15] = (byte)pad;
                yield return block;
                continue;
            }

            for (var wrong = 16 - pad; wrong < 15; wrong++)
            {
                var block = RandomNumberGenerator.GetBytes(16);
                block.AsSpan(16 - pad).Fill((byte)pad);
                block[wrong] ^= (byte)(1 + RandomNumberGenerator.GetInt32(255));
                yield return block;
            }
        }
    }
}
