using System.Text;
using TypedAlg.Runtime;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.Managed.Tests;

/// <summary>The generated classes on the managed backend (BackendPolicy.Managed) against NIST CAVP and RFC known answers.</summary>
public sealed class GeneratedVectorTests
{
    [Theory]
    [InlineData("sha/SHA1ShortMsg.rsp")]
    [InlineData("sha/SHA256ShortMsg.rsp")]
    [InlineData("sha/SHA384ShortMsg.rsp")]
    [InlineData("sha/SHA512ShortMsg.rsp")]
    [InlineData("sha/SHA256LongMsg.rsp")]
    [InlineData("sha/SHA512LongMsg.rsp")]
    public void HashesMatchNist(string file)
    {
        var cases = RspFile.Read(file).ToList();
        Assert.NotEmpty(cases);
        foreach (var v in cases)
        {
            var message = v.Hex("Msg").AsSpan(0, v.Int("Len") / 8).ToArray();
            Assert.Equal(v["MD"], HashWith(file, message, incremental: false));
            Assert.Equal(v["MD"], HashWith(file, message, incremental: true));
        }
    }

    [Theory]
    [InlineData("20")]
    [InlineData("32")]
    [InlineData("48")]
    [InlineData("64")]
    public void HmacMatchesNist(string length)
    {
        var cases = RspFile.Read("hmac/HMAC.rsp").Where(v => v.Section["L"] == length).ToList();
        Assert.NotEmpty(cases);
        foreach (var v in cases)
        {
            var key = v.Hex("Key");
            var msg = v.Hex("Msg");
            var tlen = v.Int("Tlen");
            var mac = length switch
            {
                "20" => Use(new HmacSha1(key, BackendPolicy.Managed), h => h.Compute(msg).AsSpan().ToArray()),
                "32" => Use(new HmacSha256(key, BackendPolicy.Managed), h => h.Compute(msg).AsSpan().ToArray()),
                "48" => Use(new HmacSha384(key, BackendPolicy.Managed), h => h.Compute(msg).AsSpan().ToArray()),
                _ => Use(new HmacSha512(key, BackendPolicy.Managed), h => h.Compute(msg).AsSpan().ToArray()),
            };
            Assert.Equal(v["Mac"], Convert.ToHexStringLower(mac.AsSpan(0, tlen)));
        }
    }

    [Theory]
    [InlineData("cmac/CMACGenAES128.rsp")]
    [InlineData("cmac/CMACGenAES256.rsp")]
    public void CmacMatchesNistIncrementallyAndInOneShot(string file)
    {
        foreach (var v in RspFile.Read(file))
        {
            var message = v.Hex("Msg").AsSpan(0, v.Int("Mlen")).ToArray();
            var expected = v["Mac"];
            var tlen = v.Int("Tlen");
            var oneShot = CmacAes.Compute(v.Hex("Key"), message).AsSpan().ToArray();
            Assert.Equal(expected, Convert.ToHexStringLower(oneShot.AsSpan(0, tlen)));
            using var cmac = v.Hex("Key").Length == 16 ? new CmacAes(CmacAes.Key128.Create(v.Hex("Key")), BackendPolicy.Managed) : new CmacAes(CmacAes.Key256.Create(v.Hex("Key")), BackendPolicy.Managed);
            Assert.Equal(Backend.Managed, cmac.Backend);
            for (var offset = 0; offset < message.Length; offset += 7)
                cmac.Append(message.AsSpan(offset, Math.Min(7, message.Length - offset)));
            Assert.Equal(expected, Convert.ToHexStringLower(cmac.GetMacAndReset().AsSpan().ToArray().AsSpan(0, tlen)));
        }
    }

    [Theory]
    [InlineData("aes-cbc/CBCMMT128.rsp")]
    [InlineData("aes-cbc/CBCMMT192.rsp")]
    [InlineData("aes-cbc/CBCMMT256.rsp")]
    [InlineData("aes-cbc/CBCGFSbox128.rsp")]
    [InlineData("aes-cbc/CBCVarKey256.rsp")]
    public void CbcMatchesNist(string file)
    {
        foreach (var v in RspFile.Read(file))
        {
            var key = v.Hex("KEY");
            using var cbc = key.Length switch
            {
                16 => new CbcAes(CbcAes.Key128.Create(key), BackendPolicy.Managed),
                24 => new CbcAes(CbcAes.Key192.Create(key), BackendPolicy.Managed),
                _ => new CbcAes(CbcAes.Key256.Create(key), BackendPolicy.Managed),
            };
            var iv = CbcAes.Iv.Create(v.Hex("IV"));
            if (v.Section.ContainsKey("ENCRYPT"))
                Assert.Equal(v["CIPHERTEXT"], Convert.ToHexStringLower(cbc.Encrypt(iv, v.Hex("PLAINTEXT"))));
            else
                Assert.Equal(v["PLAINTEXT"], Convert.ToHexStringLower(cbc.Decrypt(iv, v.Hex("CIPHERTEXT"))));
        }
    }

    [Theory]
    [InlineData("aes-gcm/gcmEncryptExtIV128.rsp")]
    [InlineData("aes-gcm/gcmEncryptExtIV256.rsp")]
    public void GcmMatchesNistEncryptVectors(string file)
    {
        var cases = RspFile.Read(file).Where(v => v.Section["IVlen"] == "96" && v.Section["Taglen"] == "128").ToList();
        Assert.NotEmpty(cases);
        foreach (var v in cases)
        {
            using var gcm = Gcm(v.Hex("Key"));
            var pt = v.Hex("PT");
            var ct = new byte[pt.Length];
            gcm.Encrypt(GcmAes.Nonce.Create(v.Hex("IV")), pt, ct, out var tag, v.Hex("AAD"));
            Assert.Equal(v["CT"], Convert.ToHexStringLower(ct));
            Assert.Equal(v["Tag"], tag.ToString());
        }
    }

    [Fact]
    public void GcmRejectsNistFailVectorsAndAcceptsTheOthers()
    {
        var cases = RspFile.Read("aes-gcm/gcmDecrypt128.rsp").Where(v => v.Section["IVlen"] == "96" && v.Section["Taglen"] == "128").ToList();
        Assert.Contains(cases, v => v.Fail);
        foreach (var v in cases)
        {
            using var gcm = Gcm(v.Hex("Key"));
            var ct = v.Hex("CT");
            var pt = new byte[ct.Length];
            var ok = gcm.TryDecrypt(GcmAes.Nonce.Create(v.Hex("IV")), ct, GcmAes.Tag.Create(v.Hex("Tag")), pt, v.Hex("AAD"));
            Assert.Equal(!v.Fail, ok);
            if (ok)
                Assert.Equal(v["PT"], Convert.ToHexStringLower(pt));
            else
                Assert.All(pt, b => Assert.Equal(0, b));
        }
    }

    // NIST SP 800-38A, F.5.1 (CTR-AES128.Encrypt) and F.5.5 (CTR-AES256.Encrypt).
    [Theory]
    [InlineData("2b7e151628aed2a6abf7158809cf4f3c", "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee")]
    [InlineData("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6")]
    public void CtrMatchesSp80038a(string key, string ciphertext)
    {
        const string plaintext = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
        var k = Convert.FromHexString(key);
        using var ctr = k.Length == 16 ? new CtrAes(CtrAes.Key128.Create(k), BackendPolicy.Managed) : new CtrAes(CtrAes.Key256.Create(k), BackendPolicy.Managed);
        var iv = CtrAes.Iv.Create(Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"));
        Assert.Equal(ciphertext, Convert.ToHexStringLower(ctr.Encrypt(iv, Convert.FromHexString(plaintext))));

        // The same through a stream fed in odd pieces: the counter carries across them as the kernel's does.
        using var stream = ctr.CreateEncryptor(iv);
        var input = Convert.FromHexString(plaintext);
        var output = new byte[input.Length];
        var written = stream.Update(input.AsSpan(0, 5), output);
        written += stream.Update(input.AsSpan(5, 50), output.AsSpan(written));
        written += stream.Finish(input.AsSpan(55), output.AsSpan(written));
        Assert.Equal(input.Length, written);
        Assert.Equal(ciphertext, Convert.ToHexStringLower(output));
    }

    // RFC 8439, section 2.8.2: the AEAD_CHACHA20_POLY1305 example.
    [Fact]
    public void ChaCha20Poly1305MatchesRfc8439()
    {
        var key = Convert.FromHexString("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        var nonce = ChaCha20Poly1305Aead.Nonce.Create(Convert.FromHexString("070000004041424344454647"));
        var aad = Convert.FromHexString("50515253c0c1c2c3c4c5c6c7");
        var plaintext = Encoding.ASCII.GetBytes("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
        using var aead = new ChaCha20Poly1305Aead(ChaCha20Poly1305Aead.Key256.Create(key), BackendPolicy.Managed);
        var ct = new byte[plaintext.Length];
        aead.Encrypt(nonce, plaintext, ct, out var tag, aad);
        Assert.StartsWith("d31a8d34648e60db7b86afbc53ef7ec2", Convert.ToHexStringLower(ct));
        Assert.Equal("1ae10b594f09e26a7e902ecbd0600691", tag.ToString());
    }

    private static GcmAes Gcm(byte[] key) => key.Length == 16
        ? new GcmAes(GcmAes.Key128.Create(key), BackendPolicy.Managed)
        : new GcmAes(GcmAes.Key256.Create(key), BackendPolicy.Managed);

    private static string HashWith(string file, byte[] message, bool incremental)
    {
        if (!incremental)
        {
            return file switch
            {
                _ when file.Contains("SHA1") => Sha1.Hash(message).ToString(),
                _ when file.Contains("SHA256") => Sha256.Hash(message).ToString(),
                _ when file.Contains("SHA384") => Sha384.Hash(message).ToString(),
                _ => Sha512.Hash(message).ToString(),
            };
        }

        return file switch
        {
            _ when file.Contains("SHA1") => Use(new Sha1(BackendPolicy.Managed), h => { Feed(message, h.Append); return h.GetHashAndReset().ToString(); }),
            _ when file.Contains("SHA256") => Use(new Sha256(BackendPolicy.Managed), h => { Feed(message, h.Append); return h.GetHashAndReset().ToString(); }),
            _ when file.Contains("SHA384") => Use(new Sha384(BackendPolicy.Managed), h => { Feed(message, h.Append); return h.GetHashAndReset().ToString(); }),
            _ => Use(new Sha512(BackendPolicy.Managed), h => { Feed(message, h.Append); return h.GetHashAndReset().ToString(); }),
        };
    }

    private delegate void Appender(ReadOnlySpan<byte> data);

    private static void Feed(byte[] message, Appender append)
    {
        for (var offset = 0; offset < message.Length; offset += 77)
            append(message.AsSpan(offset, Math.Min(77, message.Length - offset)));
    }

    internal static TResult Use<T, TResult>(T disposable, Func<T, TResult> use)
        where T : IDisposable
    {
        using (disposable)
            return use(disposable);
    }
}
