using System.Security.Cryptography;
using TypedAlg.Runtime.DotNet;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>
/// Issue 15: the HashAlgorithm, KeyedHashAlgorithm and ICryptoTransform views and the async stream members against
/// System.Security.Cryptography on random inputs from 0 bytes to several MiB.
/// </summary>
public sealed class DotNetAdapterTests
{
    private static readonly int[] Sizes = [0, 1, 15, 16, 17, 63, 64, 65, 4095, 65536, 65536 + 16 + 3, 3 * 1024 * 1024 + 7];

    [Fact]
    public void CryptoStreamWithCbcTransformsEqualsCryptoStreamWithAes()
    {
        var key = CbcAes.Key256.Random();
        var iv = CbcAes.Iv.Random();
        using var cbc = new CbcAes(key);
        using var aes = Aes.Create();
        aes.Key = key.AsSpan().ToArray();
        foreach (var padding in new[] { PaddingMode.PKCS7, PaddingMode.None })
        {
            foreach (var size in Sizes.Where(s => padding == PaddingMode.PKCS7 || s % 16 == 0))
            {
                var plain = RandomNumberGenerator.GetBytes(size);
                aes.Padding = padding;
                using var aesEncryptor = aes.CreateEncryptor(aes.Key, iv.AsSpan().ToArray());
                var expected = WriteThrough(aesEncryptor, plain);
                using (var encryptor = cbc.CreateEncryptorTransform(iv, padding))
                    Assert.Equal(expected, WriteThrough(encryptor, plain));
                using (var decryptor = cbc.CreateDecryptorTransform(iv, padding))
                    Assert.Equal(plain, ReadThrough(decryptor, expected));
            }
        }
    }

    [Fact]
    public void EcbAndCtrTransformsEqualAesAndTheOneShots()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        using var ecb = new EcbAes(EcbAes.Key128.Create(key));
        using var ctr = new CtrAes(CtrAes.Key128.Create(key));
        using var aes = Aes.Create();
        aes.Key = key;
        var iv = CtrAes.Iv.Random();
        foreach (var size in Sizes)
        {
            var plain = RandomNumberGenerator.GetBytes(size);
            var expected = aes.EncryptEcb(plain, PaddingMode.PKCS7);
            using (var encryptor = ecb.CreateEncryptorTransform())
                Assert.Equal(expected, WriteThrough(encryptor, plain));
            using (var decryptor = ecb.CreateDecryptorTransform())
                Assert.Equal(plain, ReadThrough(decryptor, expected));

            // CTR has no padding: the stream output is the one-shot's, byte for byte, at every length.
            var ctrExpected = ctr.Encrypt(iv, plain);
            using (var encryptor = ctr.CreateEncryptorTransform(iv))
                Assert.Equal(ctrExpected, WriteThrough(encryptor, plain));
            using (var decryptor = ctr.CreateDecryptorTransform(iv))
                Assert.Equal(plain, ReadThrough(decryptor, ctrExpected));
        }
    }

    [Fact]
    public void TransformsRefuseOtherPaddingsAndReuseAfterTheFinalBlock()
    {
        using var cbc = new CbcAes(CbcAes.Key128.Random());
        var iv = CbcAes.Iv.Random();
        var e = Assert.Throws<ArgumentException>(() => cbc.CreateEncryptorTransform(iv, PaddingMode.Zeros));
        Assert.Equal("padding", e.ParamName);
        Assert.Contains("PKCS7", e.Message, StringComparison.Ordinal);

        using var encryptor = cbc.CreateEncryptorTransform(iv);
        var plain = RandomNumberGenerator.GetBytes(40);
        var first = encryptor.TransformFinalBlock(plain, 0, plain.Length);
        Assert.Equal(first, encryptor.TransformFinalBlock(plain, 0, plain.Length)); // CanReuseTransform: back to the IV
        Assert.Equal(first, cbc.EncryptPkcs7(iv, plain));
        using var none = cbc.CreateEncryptorTransform(iv, PaddingMode.None);
        Assert.Throws<CryptographicException>(() => none.TransformFinalBlock(plain, 0, 40));
    }

    [Fact]
    public void HashAlgorithmViewsEqualSha256AndHmacSha256IncludingUnevenTransformBlocks()
    {
        var key = RandomNumberGenerator.GetBytes(HmacSha256.MinimumKeySize);
        using var hmac = new HmacSha256(key);
        using var sha = Sha256.CreateHashAlgorithm();
        using var mac = hmac.CreateKeyedHashAlgorithm();
        using var bclMac = new HMACSHA256(key);
        foreach (var size in Sizes)
        {
            var data = RandomNumberGenerator.GetBytes(size);
            var expectedHash = SHA256.HashData(data);
            var expectedMac = HMACSHA256.HashData(key, data);
            Assert.Equal(expectedHash, sha.ComputeHash(data));
            Assert.Equal(expectedHash, sha.ComputeHash(new MemoryStream(data)));
            Assert.Equal(expectedHash, Uneven(sha, data, size));
            Assert.Equal(expectedMac, mac.ComputeHash(data));
            Assert.Equal(expectedMac, Uneven(mac, data, size + 1));
            Assert.Equal(expectedMac, Uneven(bclMac, data, size + 1)); // the same loop gives .NET's result

            // CryptoStream in read mode hashes what passes through it.
            using (var through = new CryptoStream(new MemoryStream(data), sha, CryptoStreamMode.Read, leaveOpen: true))
                Assert.Equal(data, ReadAll(through));
            Assert.Equal(expectedHash, sha.Hash);
        }

        // Initialize discards a hash in progress, as HashAlgorithm.Initialize does.
        sha.TransformBlock([1, 2, 3], 0, 3, null, 0);
        sha.Initialize();
        Assert.Equal(SHA256.HashData([]), sha.ComputeHash([]));

        // Setting Key rekeys on a new socket; the key cannot be read back.
        var other = RandomNumberGenerator.GetBytes(40);
        mac.Key = other;
        Assert.Equal(HMACSHA256.HashData(other, new byte[] { 9 }), mac.ComputeHash([9]));
        Assert.Throws<NotSupportedException>(() => mac.Key);
        using var cmacInstance = new CmacAes(CmacAes.Key128.Random());
        using var cmac = cmacInstance.CreateKeyedHashAlgorithm();
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => cmac.Key = new byte[20]).ParamName);
    }

    [Fact]
    public async Task AsyncHashCancelledMidStreamThenTheSameInstanceHashesCorrectly()
    {
        var data = RandomNumberGenerator.GetBytes(1024 * 1024 + 5);
        using var sha = new Sha256();
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sha.ComputeHashAsync(new CancelAfterFirstRead(data, cts), cts.Token));
        Assert.Equal(SHA256.HashData(data), (await sha.ComputeHashAsync(new MemoryStream(data), TestContext.Current.CancellationToken)).AsSpan().ToArray());
        Assert.Equal(SHA256.HashData(data), (await Sha256.HashAsync(new MemoryStream(data), TestContext.Current.CancellationToken)).AsSpan().ToArray());

        var key = RandomNumberGenerator.GetBytes(32);
        using var hmac = new HmacSha256(key);
        using var cts2 = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hmac.ComputeAsync(new CancelAfterFirstRead(data, cts2), cts2.Token));
        Assert.Equal(HMACSHA256.HashData(key, data), (await hmac.ComputeAsync(new MemoryStream(data), TestContext.Current.CancellationToken)).AsSpan().ToArray());
    }

    [Fact]
    public async Task AsyncStreamEncryptionEqualsAesAndSurvivesCancellation()
    {
        var key = CbcAes.Key128.Random();
        var iv = CbcAes.Iv.Random();
        using var cbc = new CbcAes(key);
        using var aes = Aes.Create();
        aes.Key = key.AsSpan().ToArray();
        var ct = TestContext.Current.CancellationToken;
        foreach (var size in new[] { 0, 17, 65536, 65536 * 3 + 1 })
        {
            var plain = RandomNumberGenerator.GetBytes(size);
            var encrypted = new MemoryStream();
            await cbc.EncryptAsync(iv, new MemoryStream(plain), encrypted, cancellationToken: ct);
            Assert.Equal(aes.EncryptCbc(plain, iv.AsSpan()), encrypted.ToArray());
            var decrypted = new MemoryStream();
            await cbc.DecryptAsync(iv, new MemoryStream(encrypted.ToArray()), decrypted, cancellationToken: ct);
            Assert.Equal(plain, decrypted.ToArray());
        }

        var data = RandomNumberGenerator.GetBytes(512 * 1024);
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cbc.EncryptAsync(iv, new CancelAfterFirstRead(data, cts), new MemoryStream(), cancellationToken: cts.Token));
        Assert.Equal(aes.EncryptCbc(data, iv.AsSpan()), cbc.EncryptPkcs7(iv, data)); // the instance's own socket is untouched
        var again = new MemoryStream();
        await cbc.EncryptAsync(iv, new MemoryStream(data), again, cancellationToken: ct);
        Assert.Equal(aes.EncryptCbc(data, iv.AsSpan()), again.ToArray());
    }

    private static byte[] Uneven(HashAlgorithm hash, byte[] data, int seed)
    {
        var random = new Random(seed);
        var offset = 0;
        while (offset < data.Length)
        {
            var n = Math.Min(data.Length - offset, random.Next(0, 70000));
            hash.TransformBlock(data, offset, n, null, 0);
            offset += n;
        }

        hash.TransformFinalBlock([], 0, 0);
        return hash.Hash!;
    }

    private static byte[] WriteThrough(ICryptoTransform transform, byte[] input)
    {
        var output = new MemoryStream();
        using (var crypto = new CryptoStream(output, transform, CryptoStreamMode.Write, leaveOpen: true))
        {
            // Uneven writes: the stream regroups them into blocks.
            for (var offset = 0; offset < input.Length; offset += 7777)
                crypto.Write(input, offset, Math.Min(7777, input.Length - offset));
        }

        return output.ToArray();
    }

    private static byte[] ReadThrough(ICryptoTransform transform, byte[] input)
    {
        using var crypto = new CryptoStream(new MemoryStream(input), transform, CryptoStreamMode.Read);
        return ReadAll(crypto);
    }

    private static byte[] ReadAll(Stream stream)
    {
        var output = new MemoryStream();
        stream.CopyTo(output, 5000);
        return output.ToArray();
    }

    /// <summary>Serves data, and cancels the token once the first read has returned (mid-stream).</summary>
    private sealed class CancelAfterFirstRead(byte[] data, CancellationTokenSource cts) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);
            await cts.CancelAsync();
            return n;
        }
    }
}
