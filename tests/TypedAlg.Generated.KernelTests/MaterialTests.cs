using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>The generated fixed-size types (no kernel needed): sizes, hex, printing, equality.</summary>
public sealed class MaterialTests
{
    [Fact]
    public void WrongSizeNamesTheAllowedSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => CbcAes.Key128.Create(new byte[15]));
        Assert.Equal("bytes", error.ParamName);
        Assert.Contains("16, 24 or 32", error.Message);
        Assert.Contains("15", error.Message);
        Assert.Throws<ArgumentException>(() => GcmAes.Nonce.Create(new byte[16]));
        Assert.Throws<ArgumentException>(() => GcmAes.Nonce.FromHex("00"));
        Assert.Throws<ArgumentException>(() => GcmAes.Nonce.FromHex("zz0000000000000000000000"));
        Assert.Throws<ArgumentNullException>(() => GcmAes.Nonce.FromHex(null!));
    }

    [Fact]
    public void KeysNeverPrintTheirBytes()
    {
        var key = HexKey();
        Assert.DoesNotContain("000102", key.ToString());
        Assert.Contains("redacted", key.ToString());
        Assert.Equal("000102030405060708090a0b0c0d0e0f", Convert.ToHexStringLower(key.AsSpan()));
    }

    [Fact]
    public void ValuesRoundTripThroughHexAndCompareByValue()
    {
        var nonce = GcmAes.Nonce.Random();
        Assert.Equal(nonce, GcmAes.Nonce.FromHex(nonce.ToString()));
        Assert.NotEqual(nonce, GcmAes.Nonce.Random());
        Assert.True(HexKey() == HexKey());
        Assert.Equal(16, CbcAes.Key128.Size);
        Assert.Equal(12, GcmAes.Nonce.Size);
        Assert.Equal(32, Sha256.Digest.Size);
    }

    private static CbcAes.Key128 HexKey() => CbcAes.Key128.FromHex("000102030405060708090a0b0c0d0e0f");
}
