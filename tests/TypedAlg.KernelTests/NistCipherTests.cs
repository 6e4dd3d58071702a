using System.Security.Cryptography;
using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>NIST CAVP known answers for AES-CBC (KAT + MMT, all key sizes) and AES-GCM with 96-bit IVs (incl. every FAIL).</summary>
public sealed class NistCipherTests
{
    [Theory]
    [InlineData("128")]
    [InlineData("192")]
    [InlineData("256")]
    public void CbcMatchesEveryKatAndMmtVector(string bits)
    {
        var count = 0;
        foreach (var kind in new[] { "GFSbox", "KeySbox", "VarKey", "VarTxt", "MMT" })
        {
            foreach (var c in RspFile.Read($"aes-cbc/CBC{kind}{bits}.rsp"))
            {
                var encrypt = c.Section.ContainsKey("ENCRYPT");
                var input = c.Hex(encrypt ? "PLAINTEXT" : "CIPHERTEXT");
                var expected = c[encrypt ? "CIPHERTEXT" : "PLAINTEXT"];
                using var cbc = new SkcipherCore("cbc(aes)", c.Hex("KEY"), 16, 16);
                var output = new byte[input.Length];
                if (encrypt)
                {
                    cbc.Encrypt(c.Hex("IV"), input, output);
                }
                else
                {
                    cbc.Decrypt(c.Hex("IV"), input, output);
                }

                Assert.Equal(expected, Convert.ToHexStringLower(output));
                count++;
            }
        }

        Assert.True(count > 300, $"only {count} vectors");
    }

    [Theory]
    [InlineData("aes-gcm/gcmEncryptExtIV128.rsp")]
    [InlineData("aes-gcm/gcmEncryptExtIV256.rsp")]
    public void GcmEncryptMatchesEvery96BitIvVector(string file)
    {
        var count = 0;
        foreach (var c in RspFile.Read(file).Where(c => c.Section["IVlen"] == "96"))
        {
            var pt = c.Hex("PT");
            var ct = new byte[pt.Length];
            var tag = new byte[int.Parse(c.Section["Taglen"]) / 8];
            using var gcm = new AeadCore("gcm(aes)", c.Hex("Key"), 12, tag.Length);
            gcm.Encrypt(c.Hex("IV"), pt, ct, tag, c.Hex("AAD"));
            Assert.Equal(c["CT"], Convert.ToHexStringLower(ct));
            Assert.Equal(c["Tag"], Convert.ToHexStringLower(tag));
            count++;
        }

        Assert.True(count > 900, $"only {count} vectors");
    }

    [Theory]
    [InlineData("aes-gcm/gcmDecrypt128.rsp")]
    [InlineData("aes-gcm/gcmDecrypt256.rsp")]
    public void GcmDecryptMatchesEvery96BitIvVectorAndRejectsEveryFail(string file)
    {
        var passes = 0;
        var fails = 0;
        foreach (var c in RspFile.Read(file).Where(c => c.Section["IVlen"] == "96"))
        {
            var ct = c.Hex("CT");
            var tag = c.Hex("Tag");
            var pt = new byte[ct.Length];
            pt.AsSpan().Fill(0xA5);
            using var gcm = new AeadCore("gcm(aes)", c.Hex("Key"), 12, tag.Length);
            if (c.Fail)
            {
                Assert.Throws<AuthenticationTagMismatchException>(() => gcm.Decrypt(c.Hex("IV"), ct, tag, pt, c.Hex("AAD")));
                Assert.All(pt, b => Assert.Equal(0, b));
                fails++;
            }
            else
            {
                gcm.Decrypt(c.Hex("IV"), ct, tag, pt, c.Hex("AAD"));
                Assert.Equal(c["PT"], Convert.ToHexStringLower(pt));
                passes++;
            }
        }

        Assert.True(passes > 500 && fails > 200, $"{passes} passes, {fails} fails");
    }
}
