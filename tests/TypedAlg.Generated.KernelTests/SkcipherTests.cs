using System.Security.Cryptography;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>CBC, CTR, XTS and ECB against NIST/IEEE vectors and an AES reference built on .NET.</summary>
public sealed class SkcipherTests
{
    /// <summary>
    /// Issue 14, finding 11: a mode the runtime cannot stream (XTS: the kernel does not carry the tweak between requests)
    /// has no CreateEncryptor/CreateDecryptor that could only throw; chained modes keep theirs.
    /// </summary>
    [Fact]
    public void OnlyModesThatCanStreamHaveCreateEncryptorAndCreateDecryptor()
    {
        foreach (var name in new[] { "CreateEncryptor", "CreateDecryptor" })
        {
            Assert.Null(typeof(XtsAes).GetMethod(name));
            Assert.NotNull(typeof(CbcAes).GetMethod(name));
            Assert.NotNull(typeof(CtrAes).GetMethod(name));
        }
    }

    [Theory]
    [InlineData("CBCMMT128.rsp")]
    [InlineData("CBCMMT192.rsp")]
    [InlineData("CBCMMT256.rsp")]
    public void CbcMatchesNistMultiblockVectors(string file)
    {
        var vectors = RspFile.Read("aes-cbc/" + file).Spread(8);
        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            using var cbc = Cbc(v.Hex("KEY"));
            var iv = CbcAes.Iv.Create(v.Hex("IV"));
            if (v.Section.ContainsKey("ENCRYPT"))
                Assert.Equal(v["CIPHERTEXT"], Convert.ToHexStringLower(cbc.Encrypt(iv, v.Hex("PLAINTEXT"))));
            else
                Assert.Equal(v["PLAINTEXT"], Convert.ToHexStringLower(cbc.Decrypt(iv, v.Hex("CIPHERTEXT"))));
        }
    }

    [Fact]
    public void CbcSpanAndStreamingMatchTheArrayOverload()
    {
        var key = CbcAes.Key128.Random();
        var iv = CbcAes.Iv.Random();
        var plaintext = RandomNumberGenerator.GetBytes(16 * 40);
        using var cbc = new CbcAes(key);
        var expected = cbc.Encrypt(iv, plaintext);
        using (var aes = Aes.Create())
        {
            aes.Key = key.AsSpan().ToArray();
            Assert.Equal(aes.EncryptCbc(plaintext, iv.AsSpan(), PaddingMode.None), expected);
        }

        var buffer = plaintext.ToArray();
        cbc.Encrypt(iv, buffer, buffer); // in place
        Assert.Equal(expected, buffer);

        var streamed = new byte[plaintext.Length];
        using (var encryptor = cbc.CreateEncryptor(iv))
        {
            var written = encryptor.Update(plaintext.AsSpan(0, 160), streamed);
            written += encryptor.Update(plaintext.AsSpan(160, 320), streamed.AsSpan(written));
            written += encryptor.Finish(plaintext.AsSpan(480), streamed.AsSpan(written));
            Assert.Equal(plaintext.Length, written);
        }

        Assert.Equal(expected, streamed);
        cbc.Decrypt(iv, expected, buffer);
        Assert.Equal(plaintext, buffer);
    }

    [Fact]
    public void CtrMatchesTheNistSp800Dash38AExampleAndAnyLength()
    {
        // NIST SP 800-38A F.5.1 CTR-AES128.Encrypt.
        using var ctr = new CtrAes(CtrAes.Key128.FromHex("2b7e151628aed2a6abf7158809cf4f3c"));
        var iv = CtrAes.Iv.FromHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        var plaintext = Convert.FromHexString(
            "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        var ciphertext = ctr.Encrypt(iv, plaintext);
        Assert.Equal(
            "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee",
            Convert.ToHexStringLower(ciphertext));
        // A stream mode takes a partial last block: 37 bytes give the first 37 bytes of the same stream.
        Assert.Equal(ciphertext[..37], ctr.Encrypt(iv, plaintext.AsSpan(0, 37)));
        Assert.Equal(plaintext[..37], ctr.Decrypt(iv, ciphertext.AsSpan(0, 37)));
    }

    [Fact]
    public void XtsMatchesIeee1619VectorAndReference()
    {
        // IEEE P1619 XTS-AES-128 vector 2: key1 = 11.., key2 = 22.., data unit 0x3333333333, 32 bytes of 0x44.
        var key = XtsAes.Key256.FromHex("11111111111111111111111111111111" + "22222222222222222222222222222222");
        var iv = XtsAes.Iv.FromHex("33333333330000000000000000000000");
        using var xts = new XtsAes(key);
        var plaintext = Enumerable.Repeat((byte)0x44, 32).ToArray();
        Assert.Equal("c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0",
            Convert.ToHexStringLower(xts.Encrypt(iv, plaintext)));

        var key512 = XtsAes.Key512.Random();
        var data = RandomNumberGenerator.GetBytes(16 * 8);
        using var xts256 = new XtsAes(key512);
        var ciphertext = xts256.Encrypt(iv, data);
        Assert.Equal(XtsReference(key512.AsSpan(), iv.AsSpan(), data), ciphertext);
        Assert.Equal(data, xts256.Decrypt(iv, ciphertext));
    }

    [Fact]
    public void EcbMatchesDotNetAndIsMarkedInsecure()
    {
        var key = EcbAes.Key256.Random();
        var plaintext = RandomNumberGenerator.GetBytes(64);
        using var ecb = new EcbAes(key);
        using var aes = Aes.Create();
        aes.Key = key.AsSpan().ToArray();
        Assert.Equal(aes.EncryptEcb(plaintext, PaddingMode.None), ecb.Encrypt(plaintext));
        Assert.Equal(plaintext, ecb.Decrypt(ecb.Encrypt(plaintext)));
        var attribute = typeof(EcbAes).GetCustomAttributes(typeof(TypedAlg.Annotations.KernelAlgorithmAttribute), false)
            .Cast<TypedAlg.Annotations.KernelAlgorithmAttribute>().Single();
        Assert.False(string.IsNullOrEmpty(attribute.InsecureReason));
    }

    private static CbcAes Cbc(byte[] key) => key.Length switch
    {
        16 => new CbcAes(CbcAes.Key128.Create(key)),
        24 => new CbcAes(CbcAes.Key192.Create(key)),
        _ => new CbcAes(CbcAes.Key256.Create(key)),
    };

    // XTS over whole blocks from AES-ECB (IEEE 1619): T = E(K2, IV); C = E(K1, P ^ T) ^ T; T *= x in GF(2^128).
    private static byte[] XtsReference(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, byte[] plaintext)
    {
        using var k1 = Aes.Create();
        using var k2 = Aes.Create();
        k1.Key = key[..(key.Length / 2)].ToArray();
        k2.Key = key[(key.Length / 2)..].ToArray();
        var tweak = k2.EncryptEcb(iv.ToArray(), PaddingMode.None);
        var output = new byte[plaintext.Length];
        for (var offset = 0; offset < plaintext.Length; offset += 16)
        {
            var block = new byte[16];
            for (var i = 0; i < 16; i++)
                block[i] = (byte)(plaintext[offset + i] ^ tweak[i]);
            block = k1.EncryptEcb(block, PaddingMode.None);
            for (var i = 0; i < 16; i++)
                output[offset + i] = (byte)(block[i] ^ tweak[i]);
            var carry = 0;
            for (var i = 0; i < 16; i++)
            {
                var next = tweak[i] >> 7;
                tweak[i] = (byte)((tweak[i] << 1) | carry);
                carry = next;
            }

            if (carry != 0)
                tweak[0] ^= 0x87;
        }

        return output;
    }
}
