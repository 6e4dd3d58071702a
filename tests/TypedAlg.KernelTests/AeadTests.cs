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
        byte[] nonce = Inputs.Bytes(12, aadLength);
        byte[] aad = Inputs.Bytes(aadLength, 22);
        byte[] plain = Inputs.Bytes(textLength, 23);
        byte[] expectedCt = new byte[textLength];
        byte[] expectedTag = new byte[16];
        using (var reference = new AesGcm(Key, 16))
        {
            reference.Encrypt(nonce, plain, expectedCt, expectedTag, aad);
        }

        using var gcm = new AeadCore("gcm(aes)", Key, 12, 16);
        byte[] ct = new byte[textLength];
        byte[] tag = new byte[16];
        gcm.Encrypt(nonce, plain, ct, tag, aad);
        Assert.True(expectedCt.AsSpan().SequenceEqual(ct));
        Assert.Equal(expectedTag, tag);

        byte[] back = new byte[textLength];
        gcm.Decrypt(nonce, ct, tag, back, aad);
        Assert.True(plain.AsSpan().SequenceEqual(back));
    }

    [Fact]
    public void BadTagThrowsZeroesPlaintextAndLeavesTheSocketUsable()
    {
        byte[] nonce = Inputs.Bytes(12, 24);
        byte[] plain = Inputs.Bytes(1000, 25);
        using var gcm = new AeadCore("gcm(aes)", Key, 12, 16);
        byte[] ct = new byte[1000];
        byte[] tag = new byte[16];
        gcm.Encrypt(nonce, plain, ct, tag, "header"u8);

        byte[] badTag = (byte[])tag.Clone();
        badTag[0] ^= 1;
        byte[] output = new byte[1000];
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
        byte[] tag = new byte[16];
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
        byte[] nonce = Inputs.Bytes(12, 26);
        byte[] plain = Inputs.Bytes(3000, 27);
        byte[] buffer = (byte[])plain.Clone();
        byte[] tag = new byte[16];
        using var gcm = new AeadCore("gcm(aes)", Key, 12, 16);
        gcm.Encrypt(nonce, buffer, buffer, tag);
        byte[] expected = new byte[3000];
        byte[] expectedTag = new byte[16];
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
        byte[] tag = new byte[tagSize];
        byte[] ct = new byte[10];
        gcm.Encrypt(new byte[12], new byte[10], ct, tag);
        byte[] full = new byte[16];
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
        int max = gcm.MaxMessageLength;
        Assert.True(max >= 200_000, $"max {max}");
        byte[] plain = Inputs.Bytes(max - 16 - 100, 28);
        byte[] aad = Inputs.Bytes(100, 29);
        byte[] ct = new byte[plain.Length];
        byte[] tag = new byte[16];
        gcm.Encrypt(new byte[12], plain, ct, tag, aad);
        byte[] back = new byte[plain.Length];
        gcm.Decrypt(new byte[12], ct, tag, back, aad);
        Assert.True(plain.AsSpan().SequenceEqual(back));

        byte[] huge = new byte[max + 1]; // the limit follows net.core.wmem_max: 4 MiB on 7.x, 208 KiB before
        var e = Assert.Throws<ArgumentException>(() => gcm.Encrypt(new byte[12], huge, huge, tag));
        Assert.Equal("plaintext", e.ParamName);
        Assert.Contains(max.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void ChaCha20Poly1305EqualsReference()
    {
        byte[] key = Inputs.Bytes(32, 30);
        byte[] nonce = Inputs.Bytes(12, 31);
        byte[] plain = Inputs.Bytes(777, 32);
        byte[] expectedCt = new byte[777];
        byte[] expectedTag = new byte[16];
        using (var reference = new ChaCha20Poly1305(key))
        {
            reference.Encrypt(nonce, plain, expectedCt, expectedTag, "ad"u8);
        }

        using var aead = new AeadCore("rfc7539(chacha20,poly1305)", key, 12, 16);
        byte[] ct = new byte[777];
        byte[] tag = new byte[16];
        aead.Encrypt(nonce, plain, ct, tag, "ad"u8);
        Assert.Equal(expectedCt, ct);
        Assert.Equal(expectedTag, tag);
    }
}
