using System.Security.Cryptography;
using Xunit;
using DotNetChaCha = System.Security.Cryptography.ChaCha20Poly1305;

namespace TypedAlg.Generated.KernelTests;

/// <summary>GCM, CCM and ChaCha20-Poly1305: NIST/RFC vectors, .NET differential tests, tampering, Seal/Open.</summary>
public sealed class AeadTests
{
    [Theory]
    [InlineData("gcmEncryptExtIV128.rsp")]
    [InlineData("gcmEncryptExtIV256.rsp")]
    public void GcmMatchesNistEncryptVectors(string file)
    {
        // GcmAes is the 12-byte nonce, 16-byte tag entry: only those vectors apply.
        var vectors = RspFile.Read("aes-gcm/" + file).Where(v => v.Section["IVlen"] == "96" && v.Section["Taglen"] == "128").Spread(8);
        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            var key = v.Hex("Key");
            using var gcm = key.Length == 16 ? new GcmAes(GcmAes.Key128.Create(key)) : new GcmAes(GcmAes.Key256.Create(key));
            var plaintext = v.Hex("PT");
            var ciphertext = new byte[plaintext.Length];
            gcm.Encrypt(GcmAes.Nonce.Create(v.Hex("IV")), plaintext, ciphertext, out var tag, v.Hex("AAD"));
            Assert.Equal(v["CT"], Convert.ToHexStringLower(ciphertext));
            Assert.Equal(v["Tag"], tag.ToString());
        }
    }

    [Fact]
    public void GcmRejectsNistFailVectorsAndAcceptsTheOthers()
    {
        var vectors = RspFile.Read("aes-gcm/gcmDecrypt128.rsp").Where(v => v.Section["IVlen"] == "96" && v.Section["Taglen"] == "128").Spread(8);
        Assert.Contains(vectors, v => v.Fail);
        foreach (var v in vectors)
        {
            using var gcm = new GcmAes(GcmAes.Key128.Create(v.Hex("Key")));
            var ciphertext = v.Hex("CT");
            var plaintext = new byte[ciphertext.Length];
            var ok = gcm.TryDecrypt(GcmAes.Nonce.Create(v.Hex("IV")), ciphertext, GcmAes.Tag.Create(v.Hex("Tag")), plaintext, v.Hex("AAD"));
            Assert.Equal(!v.Fail, ok);
            if (ok)
                Assert.Equal(v["PT"], Convert.ToHexStringLower(plaintext));
            else
                Assert.All(plaintext, b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void GcmMatchesDotNetAndRejectsATamperedTag()
    {
        var key = GcmAes.Key256.Random();
        var nonce = GcmAes.Nonce.Random();
        var plaintext = RandomNumberGenerator.GetBytes(1000);
        var aad = RandomNumberGenerator.GetBytes(20);
        using var gcm = new GcmAes(key);
        var ciphertext = new byte[plaintext.Length];
        gcm.Encrypt(nonce, plaintext, ciphertext, out var tag, aad);

        using (var reference = new AesGcm(key.AsSpan(), GcmAes.TagSize))
        {
            var expected = new byte[plaintext.Length];
            var expectedTag = new byte[GcmAes.TagSize];
            reference.Encrypt(nonce.AsSpan(), plaintext, expected, expectedTag, aad);
            Assert.Equal(expected, ciphertext);
            Assert.Equal(expectedTag, tag.AsSpan().ToArray());
        }

        AssertTamperingDetected(tag.AsSpan().ToArray(), b => GcmAes.Tag.Create(b),
            (t, p) => gcm.TryDecrypt(nonce, ciphertext, t, p, aad),
            (t, p) => gcm.Decrypt(nonce, ciphertext, t, p, aad),
            plaintext);
    }

    [Fact]
    public void GcmSealAndOpenRoundTripWithFreshNonces()
    {
        using var gcm = new GcmAes(GcmAes.Key128.Random());
        var message = "attack at dawn"u8.ToArray();
        var sealed1 = gcm.Seal(message, "header"u8);
        var sealed2 = gcm.Seal(message, "header"u8);
        Assert.Equal(GcmAes.NonceSize + message.Length + GcmAes.TagSize, sealed1.Length);
        Assert.NotEqual(sealed1[..GcmAes.NonceSize], sealed2[..GcmAes.NonceSize]);
        Assert.Equal(message, gcm.Open(sealed1, "header"u8));
        Assert.Throws<AuthenticationTagMismatchException>(() => gcm.Open(sealed1, "other"u8));
        Assert.Throws<ArgumentException>(() => gcm.Open(new byte[GcmAes.NonceSize + GcmAes.TagSize - 1]));
    }

    [Fact]
    public void CcmMatchesDotNetAesCcm()
    {
        var key = CcmAes.Key128.Random();
        var nonce = CcmAes.Nonce.Random();
        var plaintext = RandomNumberGenerator.GetBytes(100);
        var aad = RandomNumberGenerator.GetBytes(13);
        using var ccm = new CcmAes(key);
        var ciphertext = new byte[plaintext.Length];
        ccm.Encrypt(nonce, plaintext, ciphertext, out var tag, aad);

        Assert.True(AesCcm.IsSupported, "OpenSSL's AES-CCM is the reference here");
        using (var reference = new AesCcm(key.AsSpan()))
        {
            var expected = new byte[plaintext.Length];
            var expectedTag = new byte[CcmAes.TagSize];
            reference.Encrypt(nonce.AsSpan(), plaintext, expected, expectedTag, aad);
            Assert.Equal(expected, ciphertext);
            Assert.Equal(expectedTag, tag.AsSpan().ToArray());
        }

        AssertTamperingDetected(tag.AsSpan().ToArray(), b => CcmAes.Tag.Create(b),
            (t, p) => ccm.TryDecrypt(nonce, ciphertext, t, p, aad),
            (t, p) => ccm.Decrypt(nonce, ciphertext, t, p, aad),
            plaintext);
        Assert.Equal(plaintext, ccm.Open(ccm.Seal(plaintext, aad), aad));
    }

    [Fact]
    public void ChaCha20Poly1305MatchesRfc7539AndDotNet()
    {
        // RFC 7539 section 2.8.2.
        var key = ChaCha20Poly1305Aead.Key256.FromHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        var nonce = ChaCha20Poly1305Aead.Nonce.FromHex("070000004041424344454647");
        var aad = Convert.FromHexString("50515253c0c1c2c3c4c5c6c7");
        var plaintext = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."u8.ToArray();
        using var chacha = new ChaCha20Poly1305Aead(key);
        var ciphertext = new byte[plaintext.Length];
        chacha.Encrypt(nonce, plaintext, ciphertext, out var tag, aad);
        Assert.Equal("1ae10b594f09e26a7e902ecbd0600691", tag.ToString());
        Assert.StartsWith("d31a8d34648e60db7b86afbc53ef7ec2", Convert.ToHexStringLower(ciphertext));

        if (DotNetChaCha.IsSupported)
        {
            using var reference = new DotNetChaCha(key.AsSpan());
            var expected = new byte[plaintext.Length];
            var expectedTag = new byte[16];
            reference.Encrypt(nonce.AsSpan(), plaintext, expected, expectedTag, aad);
            Assert.Equal(expected, ciphertext);
        }

        AssertTamperingDetected(tag.AsSpan().ToArray(), b => ChaCha20Poly1305Aead.Tag.Create(b),
            (t, p) => chacha.TryDecrypt(nonce, ciphertext, t, p, aad),
            (t, p) => chacha.Decrypt(nonce, ciphertext, t, p, aad),
            plaintext);
        Assert.Equal(plaintext, chacha.Open(chacha.Seal(plaintext)));
    }

    // Correct tag: decrypts. Flipped bit: TryDecrypt false, Decrypt throws, and the output is cleared both times.
    private static void AssertTamperingDetected<TTag>(byte[] tagBytes, Func<byte[], TTag> createTag,
        Func<TTag, byte[], bool> tryDecrypt, Action<TTag, byte[]> decrypt, byte[] expectedPlaintext)
    {
        var output = new byte[expectedPlaintext.Length];
        Assert.True(tryDecrypt(createTag(tagBytes), output));
        Assert.Equal(expectedPlaintext, output);

        var bad = tagBytes.ToArray();
        bad[^1] ^= 0x01;
        output = Enumerable.Repeat((byte)0xAA, expectedPlaintext.Length).ToArray();
        Assert.False(tryDecrypt(createTag(bad), output));
        Assert.All(output, b => Assert.Equal(0, b));

        output = Enumerable.Repeat((byte)0xAA, expectedPlaintext.Length).ToArray();
        Assert.Throws<AuthenticationTagMismatchException>(() => decrypt(createTag(bad), output));
        Assert.All(output, b => Assert.Equal(0, b));
    }
}
