using System.Security.Cryptography;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Managed.Tests;

/// <summary>
/// The generated classes on the managed backend against System.Security.Cryptography on random inputs of random sizes,
/// up to 300 KiB (several pages and more than one 64 KiB chunk), one-shot, streamed in random pieces, and in place.
/// </summary>
public sealed class GeneratedDifferentialTests
{
    private static readonly int[] Sizes = [0, 1, 15, 16, 17, 4095, 4096, 4097, 65536, 65537, 300 * 1024];

    public static TheoryData<int> SizeData() => new(Sizes);

    [Theory]
    [MemberData(nameof(SizeData))]
    public void HashesAndHmacsEqualTheBcl(int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        var key = RandomNumberGenerator.GetBytes(1 + (size % 100));
        Assert.Equal(SHA256.HashData(data), Sha256.Hash(data).AsSpan().ToArray());
        Assert.Equal(SHA1.HashData(data), Sha1.Hash(data).AsSpan().ToArray());
        Assert.Equal(SHA384.HashData(data), Sha384.Hash(data).AsSpan().ToArray());
        Assert.Equal(SHA512.HashData(data), Sha512.Hash(data).AsSpan().ToArray());
        Assert.Equal(MD5.HashData(data), Md5.Hash(data).AsSpan().ToArray());
        if (SHA3_256.IsSupported)
            Assert.Equal(SHA3_256.HashData(data), Sha3_256.Hash(data).AsSpan().ToArray());
        Assert.Equal(HMACSHA256.HashData(key, data), HmacSha256.Compute(key, data).AsSpan().ToArray());
        Assert.Equal(HMACSHA512.HashData(key, data), HmacSha512.Compute(key, data).AsSpan().ToArray());

        using var hmac = new HmacSha256(key, BackendPolicy.Managed);
        Assert.Equal(Backend.Managed, hmac.Backend);
        AppendInRandomPieces(data, hmac.Append);
        using var clone = hmac.Clone();
        Assert.Equal(HMACSHA256.HashData(key, data), hmac.GetMacAndReset().AsSpan().ToArray());
        Assert.Equal(HMACSHA256.HashData(key, data), clone.GetMacAndReset().AsSpan().ToArray());
    }

    [Theory]
    [MemberData(nameof(SizeData))]
    public void CbcEcbAndPkcs7EqualTheBcl(int size)
    {
        var whole = size - (size % 16);
        var data = RandomNumberGenerator.GetBytes(whole);
        var keyBytes = RandomNumberGenerator.GetBytes(32);
        var ivBytes = RandomNumberGenerator.GetBytes(16);
        using var bcl = Aes.Create();
        bcl.Key = keyBytes;
        using var cbc = new CbcAes(CbcAes.Key256.Create(keyBytes), BackendPolicy.Managed);
        using var ecb = new EcbAes(EcbAes.Key256.Create(keyBytes), BackendPolicy.Managed);
        var iv = CbcAes.Iv.Create(ivBytes);
        var expected = bcl.EncryptCbc(data, ivBytes, PaddingMode.None);
        Assert.Equal(expected, cbc.Encrypt(iv, data));
        Assert.Equal(data, cbc.Decrypt(iv, expected));
        Assert.Equal(bcl.EncryptEcb(data, PaddingMode.None), ecb.Encrypt(data));

        // In place, and streamed in random pieces: the IV chains as one message.
        var inPlace = (byte[])data.Clone();
        cbc.Encrypt(iv, inPlace, inPlace);
        Assert.Equal(expected, inPlace);
        Assert.Equal(expected, Streamed(cbc.CreateEncryptor(iv), data));
        Assert.Equal(data, Streamed(cbc.CreateDecryptor(iv), expected));

        var odd = RandomNumberGenerator.GetBytes(size);
        Assert.Equal(bcl.EncryptCbc(odd, ivBytes, PaddingMode.PKCS7), cbc.EncryptPkcs7(iv, odd));
        Assert.Equal(odd, cbc.DecryptPkcs7(iv, bcl.EncryptCbc(odd, ivBytes, PaddingMode.PKCS7)));
        using var output = new MemoryStream();
        using (var crypto = new CryptoStream(output, cbc.CreateEncryptorTransform(iv), CryptoStreamMode.Write, leaveOpen: true))
            crypto.Write(odd);
        Assert.Equal(bcl.EncryptCbc(odd, ivBytes, PaddingMode.PKCS7), output.ToArray());
    }

    [Theory]
    [MemberData(nameof(SizeData))]
    public void CtrStreamsEqualItsOneShot(int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        using var ctr = new CtrAes(CtrAes.Key128.Random(), BackendPolicy.Managed);
        // A counter near 2^64 - 1 in its low half: the carry must reach the high half, as in the kernel.
        var ivBytes = Convert.FromHexString("00000000000000fffffffffffffffffe");
        var iv = CtrAes.Iv.Create(ivBytes);
        var oneShot = ctr.Encrypt(iv, data);
        Assert.Equal(oneShot, Streamed(ctr.CreateEncryptor(iv), data));
        Assert.Equal(data, ctr.Decrypt(iv, oneShot));
    }

    [Theory]
    [MemberData(nameof(SizeData))]
    public void AeadsEqualTheBcl(int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        var aad = RandomNumberGenerator.GetBytes(size % 300);
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(12);

        using (var gcm = new GcmAes(GcmAes.Key256.Create(key), BackendPolicy.Managed))
        using (var bcl = new AesGcm(key, 16))
        {
            AssertAead(data, aad, (p, c, t) => bcl.Encrypt(nonce, p, c, t, aad), (p, c) => { gcm.Encrypt(GcmAes.Nonce.Create(nonce), p, c, out var t, aad); return t.AsSpan().ToArray(); });
            var opened = gcm.Open(gcm.Seal(data, aad), aad);
            Assert.Equal(data, opened);
        }

        using (var ccm = new CcmAes(CcmAes.Key256.Create(key), BackendPolicy.Managed))
        using (var bcl = new AesCcm(key))
        {
            AssertAead(data, aad, (p, c, t) => bcl.Encrypt(nonce, p, c, t, aad), (p, c) => { ccm.Encrypt(CcmAes.Nonce.Create(nonce), p, c, out var t, aad); return t.AsSpan().ToArray(); });
        }

        if (ChaCha20Poly1305.IsSupported)
        {
            using var chacha = new ChaCha20Poly1305Aead(ChaCha20Poly1305Aead.Key256.Create(key), BackendPolicy.Managed);
            using var bcl = new ChaCha20Poly1305(key);
            AssertAead(data, aad, (p, c, t) => bcl.Encrypt(nonce, p, c, t, aad), (p, c) => { chacha.Encrypt(ChaCha20Poly1305Aead.Nonce.Create(nonce), p, c, out var t, aad); return t.AsSpan().ToArray(); });
        }
    }

    private delegate void BclSeal(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag);

    private delegate byte[] TypedSeal(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext);

    private static void AssertAead(byte[] data, byte[] aad, BclSeal bcl, TypedSeal typed)
    {
        var expected = new byte[data.Length];
        var expectedTag = new byte[16];
        bcl(data, expected, expectedTag);
        var actual = new byte[data.Length];
        Assert.Equal(expectedTag, typed(data, actual));
        Assert.Equal(expected, actual);
        // In place, as the kernel path allows.
        var inPlace = (byte[])data.Clone();
        Assert.Equal(expectedTag, typed(inPlace, inPlace));
        Assert.Equal(expected, inPlace);
        _ = aad;
    }

    private delegate void Appender(ReadOnlySpan<byte> data);

    private static void AppendInRandomPieces(byte[] data, Appender append)
    {
        for (var offset = 0; offset < data.Length;)
        {
            var n = Math.Min(data.Length - offset, Random.Shared.Next(1, 70_000));
            append(data.AsSpan(offset, n));
            offset += n;
        }
    }

    private static byte[] Streamed(ISkcipherStream stream, byte[] input)
    {
        using (stream)
        {
            var output = new byte[input.Length];
            var written = 0;
            var offset = 0;
            while (offset < input.Length)
            {
                var n = Math.Min(input.Length - offset, Random.Shared.Next(1, 70_000));
                written += stream.Update(input.AsSpan(offset, n), output.AsSpan(written));
                offset += n;
            }

            written += stream.Finish(default, output.AsSpan(written));
            Assert.Equal(input.Length, written);
            return output;
        }
    }
}
