using System.Security.Cryptography;
using TypedAlg.Managed.Primitives;
using Xunit;

namespace TypedAlg.Managed.Tests;

public sealed class AesCtrTests
{
    private const string Plaintext =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    private const string InitialCounter = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

    // NIST SP 800-38A, appendix F.5.1, F.5.3, F.5.5 (CTR-AES128/192/256.Encrypt).
    [Theory]
    [InlineData("2b7e151628aed2a6abf7158809cf4f3c", "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee")]
    [InlineData("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", "1abc932417521ca24f2b0459fe7e6e0b090339ec0aa6faefd5ccc2c6f4ce8e941e36b26bd1ebc670d1bd1d665620abf74f78a7f6d29809585a97daec58c6b050")]
    [InlineData("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6")]
    public void EncryptsTheSp80038AVectorsAndDecryptsThemBack(string key, string ciphertext)
    {
        using var ctr = new AesCtr(Convert.FromHexString(key));
        var output = new byte[64];

        ctr.Transform(Convert.FromHexString(InitialCounter), Convert.FromHexString(Plaintext), output);
        Assert.Equal(ciphertext, Convert.ToHexStringLower(output));

        ctr.Transform(Convert.FromHexString(InitialCounter), output, output); // in place
        Assert.Equal(Plaintext, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void TheCounterIsOne128BitNumberThatWrapsAround()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        using var ctr = new AesCtr(key);
        var iv = Convert.FromHexString("00000000000000fffffffffffffffffe");
        var keystream = new byte[64];
        ctr.Transform(iv, new byte[64], keystream);

        // The counter blocks, written out: the carry crosses the 64-bit halves, then all 128 bits wrap to zero.
        using var aes = Aes.Create();
        aes.Key = key;
        var counters = Convert.FromHexString(
            "00000000000000fffffffffffffffffe" + "00000000000000ffffffffffffffffff" + "00000000000001000000000000000000" + "00000000000001000000000000000001");
        Assert.Equal(aes.EncryptEcb(counters, PaddingMode.None), keystream);

        var top = new byte[32];
        ctr.Transform(Convert.FromHexString("ffffffffffffffffffffffffffffffff"), new byte[32], top);
        Assert.Equal(aes.EncryptEcb(Convert.FromHexString("ffffffffffffffffffffffffffffffff" + "00000000000000000000000000000000"), PaddingMode.None), top);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(1023)]
    [InlineData(1025)]
    [InlineData(3 * 1024 * 1024 + 7)]
    public void APartialFinalBlockUsesTheLeadingKeystreamBytesAndPiecesJoinUp(int length)
    {
        using var ctr = new AesCtr(RandomNumberGenerator.GetBytes(32));
        var iv = RandomNumberGenerator.GetBytes(16);
        var data = RandomNumberGenerator.GetBytes(length);
        var whole = new byte[length];
        ctr.Transform(iv, data, whole);

        // The same data in block-aligned pieces, each from the counter it starts at.
        var pieces = new byte[length];
        var split = length / 32 * 16;
        ctr.Transform(iv, data.AsSpan(0, split), pieces);
        ctr.Transform(Add(iv, split / 16), data.AsSpan(split), pieces.AsSpan(split));
        Assert.Equal(whole, pieces);

        var back = new byte[length];
        ctr.Transform(iv, whole, back);
        Assert.Equal(data, back);
    }

    [Fact]
    public void BadSizesAreRefusedWithTheSizesAllowed()
    {
        Assert.Contains("16, 24 or 32", Assert.Throws<ArgumentException>("key", () => new AesCtr(new byte[20])).Message, StringComparison.Ordinal);
        using var ctr = new AesCtr(new byte[16]);
        Assert.Contains("16 bytes", Assert.Throws<ArgumentException>("iv", () => ctr.Transform(new byte[12], new byte[4], new byte[4])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("output", () => ctr.Transform(new byte[16], new byte[4], new byte[3]));
    }

    private static byte[] Add(byte[] counter, int blocks)
    {
        var value = new System.Numerics.BigInteger(counter, isUnsigned: true, isBigEndian: true) + blocks;
        var bytes = (value % System.Numerics.BigInteger.Pow(2, 128)).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[16 - bytes.Length], .. bytes];
    }
}
