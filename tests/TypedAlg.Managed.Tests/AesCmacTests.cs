using System.Security.Cryptography;
using TypedAlg.Managed.Primitives;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.Managed.Tests;

public sealed class AesCmacTests
{
    private const string RfcKey = "2b7e151628aed2a6abf7158809cf4f3c";
    private const string RfcMessage =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    // RFC 4493, section 4: examples 1-4 (empty, one block, 40 bytes, four blocks).
    [Theory]
    [InlineData(0, "bb1d6929e95937287fa37d129b756746")]
    [InlineData(16, "070a16b46b4d4144f79bdd9dd04a287c")]
    [InlineData(40, "dfa66747de9ae63030ca32611497c827")]
    [InlineData(64, "51f0bebf7e3b9d92fc49741779363cfe")]
    public void GivesTheRfc4493Examples(int length, string mac)
    {
        using var cmac = new AesCmac(Convert.FromHexString(RfcKey));
        var output = new byte[AesCmac.MacSize];
        cmac.Compute(Convert.FromHexString(RfcMessage)[..length], output);
        Assert.Equal(mac, Convert.ToHexStringLower(output));
    }

    // NIST CAVP CMACGen (SP 800-38B): every case of both files; Tlen is the truncated MAC the file gives.
    [Theory]
    [InlineData("cmac/CMACGenAES128.rsp")]
    [InlineData("cmac/CMACGenAES256.rsp")]
    public void GivesEveryCavpCmacGenVector(string file)
    {
        var cases = RspFile.Read(file).ToList();
        Assert.True(cases.Count >= 90, $"{file}: {cases.Count} cases");
        foreach (var c in cases)
        {
            using var cmac = new AesCmac(c.Hex("Key"));
            var output = new byte[AesCmac.MacSize];
            cmac.Compute(c.Hex("Msg").AsSpan(0, c.Int("Mlen")), output);
            Assert.Equal(c["Mac"], Convert.ToHexStringLower(output.AsSpan(0, c.Int("Tlen"))));
        }
    }

    [Fact]
    public void RefusesBadSizesBeforeAnyWork()
    {
        Assert.Contains("16, 24 or 32", Assert.Throws<ArgumentException>("key", () => new AesCmac(RandomNumberGenerator.GetBytes(17))).Message, StringComparison.Ordinal);
        using var cmac = new AesCmac(new byte[16]);
        Assert.Throws<ArgumentException>("destination", () => cmac.Compute([], new byte[15]));
    }
}
