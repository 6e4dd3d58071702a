using System.Security.Cryptography;
using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>GCM through AeadCore against System.Security.Cryptography.AesGcm, tag failures, in place and size limits.</summary>
public sealed class AeadTests
{
    private static readonly byte[] Key = Inputs.Bytes(32, 21);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(13, 0)]
    [InlineData(20, 17)]
    [InlineData(600, 4096)]
    [InlineData(5000, 65537)]
    [InlineData(16, 200_000)]
    public void GcmEqualsAesGcm(int aadLength, int textLength)
    {
        var nonce = Inputs.Bytes(12, aadLength);
        var aad = Inputs.Bytes(aadLength, 22);
        var plain = Inputs.Bytes(textLength, 23);
        var expectedCt = new byte[textLength];
        var expectedTag = new byte[16];
        using (var reference = new AesGcm(Key, 16))
        {
            reference.Encrypt(nonce, plain, expectedCt, expectedTag, aad);
        }

        using var gcm = new AeadCore("gcm(aes)", Key, 12, 16);
        var ct = new byte[textLength];
        var tag = new byte[16];
        gcm.Encrypt(nonce, plain, ct, tag, aad);
        Assert.True(expectedCt.AsSpan().SequenceEqual(ct));
        Assert.Equal(expectedTag, tag);

        var back = new byte[textLength];
        gcm.Decrypt(nonce, ct, tag, back, aad);
        Assert.True(plain.AsSpan().SequenceEqual(back));
    }

    /// <summary>
    /// ciphertext || tag in one buffer (SealInto, TryOpen, libkcapi's layout) takes the one-buffer path both ways, at
    /// any size: up to a page, beyond the gather page, and beyond one chunk; in place too; with AAD it falls back.
    /// </summary>
    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(0, 16, false)]
    [InlineData(0, 1000, true)]
    [InlineData(0, 4096, false)]
    [InlineData(0, 65537, true)]
    [InlineData(0, 200_000, false)]
    [InlineData(20, 1000, false)]
    public void GcmWithTheTagRightAfterTheCiphertextEqualsAesGcm(int aadLength, int textLength, bool inPlace)
    {
        var nonce = Inputs.Bytes(12, textLength);
        var aad = Inputs.Bytes(aadLength, 24);
        var plain = Inputs.Bytes(textLength, 25);
        var expected = new byte[textLength + 16];
        using (var reference = new AesGcm(Key, 16))
        {
            reference.Encrypt(nonce, plain, expected.AsSpan(0, textLength), expected.AsSpan(textLength), aad);
        }

        using var gcm = new AeadCore("gcm(aes)", Key, 12, 16);
        var sealedData = new byte[textLength + 16];
        var source = inPlace ? sealedData : plain;
        plain.CopyTo(sealedData, 0);
        gcm.Encrypt(nonce, source.AsSpan(0, textLength), sealedData.AsSpan(0, textLength), sealedData.AsSpan(textLength), aad);
        Assert.True(expected.AsSpan().SequenceEqual(sealedData));

        var back = inPlace ? sealedData : new byte[textLength];
        Assert.True(gcm.TryDecrypt(nonce, sealedData.AsSpan(0, textLength), sealedData.AsSpan(textLength), back.AsSpan(0, textLength), aad));
        Assert.True(plain.AsSpan().SequenceEqual(back.AsSpan(0, textLength)));

        // A changed tag in the same layout: false, the plaintext zeroed, and the instance still works.
        gcm.Encrypt(nonce, plain, sealedData.AsSpan(0, textLength), sealedData.AsSpan(textLength), aad);
        sealedData[^1] ^= 1;
        var rejected = Enumerable.Repeat((byte)0xA5, textLength).ToArray();
        Assert.False(gcm.TryDecrypt(nonce, sealedData.AsSpan(0, textLength), sealedData.AsSpan(textLength), rejected, aad));
        Assert.All(rejected, b => Assert.Equal(0, b));
        sealedData[^1] ^= 1;
        Assert.True(gcm.TryDecrypt(nonce, sealedData.AsSpan(0, textLength), sealedData.AsSpan(textLength), rejected, aad));
        Assert.True(plain.AsSpan().SequenceEqual(rejected));
    }

    [Fact]
    public void BadTagThrowsZeroesPlaintextAndLeavesTheSocketUsable()
    {
        var nonce = Inputs.Bytes(12, 24);
        var plain = Inputs.Bytes(1000, 25);
        using var gcm = new AeadCore("gcm(aes)", Key, 12, 16);
        var ct = new byte[1000];
        var tag = new byte[16];
        gcm.Encrypt(nonce, plain, ct, tag, "header"u8);

        var badTag = (byte[])tag.Clone();
        badTag[0] ^= 1;
        var output = new byte[1000];
        output.AsSpan().Fill(0x5A);
        Assert.Throws<AuthenticationTagMismatchException>(() => gcm.Decrypt(nonce, ct, badTag, output, "header"u8));
        Assert.All(output, b => Assert.Equal(0, b));

        output.AsSpan().Fill(0x5A);
        Assert.False(gcm.TryDecrypt(nonce, ct, tag, output, "Header"u8));
        Assert.All(output, b => Assert.Equal(0, b));

        Assert.True(gcm.TryDecrypt(nonce, ct, tag, output, "header"u8));
        Assert.Equal(plain, output);
    }

    [Fact]
    public void EmptyMessageTagIsChecked()
    {
        using var gcm = new AeadCore("gcm(aes)", new byte[16], 12, 16);
        var tag = new byte[16];
        gcm.Encrypt(new byte[12], default, default, tag);
        Assert.Equal("58e2fccefa7e3061367f1d57a4e7455a", Convert.ToHexStringLower(tag));
        Assert.True(gcm.TryDecrypt(new byte[12], default, tag, default));
        tag[15] ^= 0x80;
        Assert.False(gcm.TryDecrypt(new byte[12], default, tag, default));
        tag[15] ^= 0x80;
        Assert.True(gcm.TryDecrypt(new byte[12], default, tag, default));
    }

    [Fact]
    public void InPlaceEncryptAndDecrypt()
    {
        var nonce = Inputs.Bytes(12, 26);
        var plain = Inputs.Bytes(3000, 27);
        var buffer = (byte[])plain.Clone();
        var tag = new byte[16];
        using var gcm = new AeadCore("gcm(aes)", Key, 12, 16);
        gcm.Encrypt(nonce, buffer, buffer, tag);
        var expected = new byte[3000];
        var expectedTag = new byte[16];
        using (var reference = new AesGcm(Key, 16))
        {
            reference.Encrypt(nonce, plain, expected, expectedTag);
        }

        Assert.Equal(expected, buffer);
        gcm.Decrypt(nonce, buffer, tag, buffer);
        Assert.Equal(plain, buffer);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(13)]
    public void TruncatedTagsWork(int tagSize)
    {
        using var gcm = new AeadCore("gcm(aes)", Key, 12, tagSize);
        var tag = new byte[tagSize];
        var ct = new byte[10];
        gcm.Encrypt(new byte[12], new byte[10], ct, tag);
        var full = new byte[16];
        using (var reference = new AesGcm(Key, 16))
        {
            reference.Encrypt(new byte[12], new byte[10], new byte[10], full);
        }

        Assert.Equal(full[..tagSize], tag);
    }

    [Fact]
    public void MessagesUpToTheMaximumWorkAndLargerOnesAreArgumentExceptions()
    {
        using var gcm = new AeadCore("gcm(aes)", Key, 12, 16);
        var max = gcm.MaxMessageLength;
        Assert.True(max >= 200_000, $"max {max}");
        var plain = Inputs.Bytes(max - 16 - 100, 28);
        var aad = Inputs.Bytes(100, 29);
        var ct = new byte[plain.Length];
        var tag = new byte[16];
        gcm.Encrypt(new byte[12], plain, ct, tag, aad);
        var back = new byte[plain.Length];
        gcm.Decrypt(new byte[12], ct, tag, back, aad);
        Assert.True(plain.AsSpan().SequenceEqual(back));

        var huge = new byte[max + 1]; // the limit follows net.core.wmem_max: 4 MiB on 7.x, 208 KiB before
        var e = Assert.Throws<ArgumentException>(() => gcm.Encrypt(new byte[12], huge, huge, tag));
        Assert.Equal("plaintext", e.ParamName);
        Assert.Contains(max.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void ChaCha20Poly1305EqualsReference()
    {
        var key = Inputs.Bytes(32, 30);
        var nonce = Inputs.Bytes(12, 31);
        var plain = Inputs.Bytes(777, 32);
        var expectedCt = new byte[777];
        var expectedTag = new byte[16];
        using (var reference = new ChaCha20Poly1305(key))
        {
            reference.Encrypt(nonce, plain, expectedCt, expectedTag, "ad"u8);
        }

        using var aead = new AeadCore("rfc7539(chacha20,poly1305)", key, 12, 16);
        var ct = new byte[777];
        var tag = new byte[16];
        aead.Encrypt(nonce, plain, ct, tag, "ad"u8);
        Assert.Equal(expectedCt, ct);
        Assert.Equal(expectedTag, tag);
    }
}
