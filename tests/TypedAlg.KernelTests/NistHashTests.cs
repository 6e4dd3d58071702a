using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>NIST CAVP known answers for SHA, HMAC (incl. truncated Tlen) and AES-CMAC through HashCore.</summary>
public sealed class NistHashTests
{
    [Theory]
    [InlineData("sha/SHA1ShortMsg.rsp", "sha1", 20)]
    [InlineData("sha/SHA1LongMsg.rsp", "sha1", 20)]
    [InlineData("sha/SHA256ShortMsg.rsp", "sha256", 32)]
    [InlineData("sha/SHA256LongMsg.rsp", "sha256", 32)]
    [InlineData("sha/SHA384ShortMsg.rsp", "sha384", 48)]
    [InlineData("sha/SHA384LongMsg.rsp", "sha384", 48)]
    [InlineData("sha/SHA512ShortMsg.rsp", "sha512", 64)]
    [InlineData("sha/SHA512LongMsg.rsp", "sha512", 64)]
    public void ShaMatchesEveryVector(string file, string algorithm, int size)
    {
        using var hash = new HashCore(algorithm, size);
        var digest = new byte[size];
        var count = 0;
        foreach (var c in RspFile.Read(file))
        {
            var msg = c.Int("Len") == 0 ? [] : c.Hex("Msg");
            hash.HashData(msg, digest);
            Assert.Equal(c["MD"], Convert.ToHexStringLower(digest));
            count++;
        }

        Assert.True(count >= 64, $"only {count} vectors read from {file}");
    }

    [Fact]
    public void HmacMatchesEveryVectorIncludingTruncatedTags()
    {
        var names = new Dictionary<string, string>
        {
            ["20"] = "hmac(sha1)",
            ["28"] = "hmac(sha224)",
            ["32"] = "hmac(sha256)",
            ["48"] = "hmac(sha384)",
            ["64"] = "hmac(sha512)",
        };
        var count = 0;
        var truncated = 0;
        foreach (var c in RspFile.Read("hmac/HMAC.rsp"))
        {
            var algorithm = names[c.Section["L"]];
            var tlen = c.Int("Tlen");
            // HashCore never truncates silently (a digest size other than the kernel's is an error): a truncated MAC
            // is the leading Tlen bytes of the whole one.
            using var mac = new HashCore(algorithm, int.Parse(c.Section["L"]), c.Hex("Key"));
            var output = new byte[int.Parse(c.Section["L"])];
            mac.HashData(c.Hex("Msg"), output);
            Assert.Equal(c["Mac"], Convert.ToHexStringLower(output.AsSpan(0, tlen)));
            count++;
            truncated += tlen < int.Parse(c.Section["L"]) ? 1 : 0;
        }

        Assert.Equal(1575, count);
        Assert.True(truncated > 1000);
    }

    [Theory]
    [InlineData("cmac/CMACGenAES128.rsp")]
    [InlineData("cmac/CMACGenAES256.rsp")]
    public void CmacMatchesEveryVector(string file)
    {
        var count = 0;
        foreach (var c in RspFile.Read(file))
        {
            var tlen = c.Int("Tlen");
            // The whole 16-byte CMAC, truncated here (HashCore refuses a digest size other than the kernel's).
            using var mac = new HashCore("cmac(aes)", 16, c.Hex("Key"));
            var output = new byte[16];
            mac.HashData(c.Int("Mlen") == 0 ? [] : c.Hex("Msg"), output);
            Assert.Equal(c["Mac"], Convert.ToHexStringLower(output.AsSpan(0, tlen)));
            count++;
        }

        Assert.Equal(96, count);
    }
}
