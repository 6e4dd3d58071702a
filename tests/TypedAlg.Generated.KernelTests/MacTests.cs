using System.Security.Cryptography;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>HMAC-SHA* and AES-CMAC against NIST CAVP vectors and .NET.</summary>
public sealed class MacTests
{
    [Theory]
    [InlineData("20")]
    [InlineData("32")]
    [InlineData("48")]
    [InlineData("64")]
    public void HmacMatchesNistVectors(string length)
    {
        Func<byte[], byte[], byte[]> compute = length switch
        {
            "20" => (k, m) => HmacSha1.Compute(k, m).AsSpan().ToArray(),
            "32" => (k, m) => HmacSha256.Compute(k, m).AsSpan().ToArray(),
            "48" => (k, m) => HmacSha384.Compute(k, m).AsSpan().ToArray(),
            _ => (k, m) => HmacSha512.Compute(k, m).AsSpan().ToArray(),
        };
        var vectors = RspFile.Read("hmac/HMAC.rsp").Where(v => v.Section["L"] == length).Spread(6);
        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            var tagLength = int.Parse(v["Tlen"]);
            // CAVP truncates the MAC to Tlen bytes; the kernel returns it whole.
            Assert.Equal(v["Mac"], Convert.ToHexStringLower(compute(v.Hex("Key"), v.Hex("Msg"))[..tagLength]));
        }
    }

    [Fact]
    public void HmacInstancesMatchDotNetAndVerifyInConstantTime()
    {
        var key = RandomNumberGenerator.GetBytes(HmacSha256.MinimumKeySize);
        var data = RandomNumberGenerator.GetBytes(3000);
        using var hmac = new HmacSha256(key);
        var expected = HmacSha256.Mac.Create(HMACSHA256.HashData(key, data));
        Assert.Equal(expected, hmac.Compute(data));
        hmac.Append(data.AsSpan(0, 1000));
        hmac.Append(data.AsSpan(1000));
        Assert.Equal(expected, hmac.GetMacAndReset());
        Assert.True(hmac.Verify(data, expected));
        data[0] ^= 1;
        Assert.False(hmac.Verify(data, expected));

        using var hmac384 = new HmacSha384(key);
        Assert.Equal(HMACSHA384.HashData(key, data), hmac384.Compute(data).AsSpan().ToArray());
        using var hmac512 = new HmacSha512(key);
        Assert.Equal(HMACSHA512.HashData(key, data), hmac512.Compute(data).AsSpan().ToArray());
        using var hmac1 = new HmacSha1(key);
        Assert.Equal(HMACSHA1.HashData(key, data), hmac1.Compute(data).AsSpan().ToArray());
    }

    [Theory]
    [InlineData("CMACGenAES128.rsp")]
    [InlineData("CMACGenAES256.rsp")]
    public void CmacMatchesNistVectors(string file)
    {
        // These CAVP files only hold truncated MACs (Tlen 4/15, 5/10): compare Tlen leading bytes of the longer ones.
        var vectors = RspFile.Read("cmac/" + file).Where(v => int.Parse(v["Tlen"]) >= 10).Spread(6);
        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            var message = v.Hex("Msg")[..int.Parse(v["Mlen"])];
            var key = v.Hex("Key");
            var mac = CmacAes.Compute(key, message);
            Assert.Equal(v["Mac"], mac.ToString()[..(2 * int.Parse(v["Tlen"]))]);
            using var cmac = key.Length == 16 ? new CmacAes(CmacAes.Key128.Create(key)) : new CmacAes(CmacAes.Key256.Create(key));
            Assert.True(cmac.Verify(message, mac));
            Assert.False(cmac.Verify([.. message, 0], mac));
        }
    }

    [Fact]
    public void Cmac192MatchesTheNistSp800Dash38BExample()
    {
        // NIST SP 800-38B appendix D.2, example 5 (empty message).
        using var cmac = new CmacAes(CmacAes.Key192.FromHex("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b"));
        Assert.Equal("d17ddf46adaacde531cac483de7a9367", cmac.Compute([]).ToString());
        var error = Assert.Throws<ArgumentException>(() => CmacAes.Compute(new byte[15], []));
        Assert.Contains("16, 24 or 32", error.Message);
    }
}
