using System.Security.Cryptography;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>
/// Issue 16: every class with both backends gives the same output on the kernel (BackendPolicy.Kernel) and on the
/// managed backend (BackendPolicy.Managed) for random keys and inputs of random sizes, up to 300 KiB. Classes the
/// kernel of this boot does not serve are skipped (they are the managed backend's reason to exist).
/// </summary>
public sealed class BackendDifferentialTests
{
    private static readonly int[] Sizes = [0, 1, 16, 17, 4096, 4097, 65537, 300 * 1024];

    private static int RandomSize(int i) => i < Sizes.Length ? Sizes[i] : Random.Shared.Next(0, 300 * 1024);

    [Fact]
    public void HashesAgree()
    {
        for (var i = 0; i < 10; i++)
        {
            var data = RandomNumberGenerator.GetBytes(RandomSize(i));
            Both(Sha1.IsSupported, p => Hash(new Sha1(p), data, h => h.Append, h => h.GetHashAndReset().ToString()));
            Both(Sha256.IsSupported, p => Hash(new Sha256(p), data, h => h.Append, h => h.GetHashAndReset().ToString()));
            Both(Sha384.IsSupported, p => Hash(new Sha384(p), data, h => h.Append, h => h.GetHashAndReset().ToString()));
            Both(Sha512.IsSupported, p => Hash(new Sha512(p), data, h => h.Append, h => h.GetHashAndReset().ToString()));
            Both(Md5.IsSupported, p => Hash(new Md5(p), data, h => h.Append, h => h.GetHashAndReset().ToString()));
            Both(Sha3_256.IsSupported && SHA3_256.IsSupported, p => Hash(new Sha3_256(p), data, h => h.Append, h => h.GetHashAndReset().ToString()));
            Both(Sha3_512.IsSupported && SHA3_512.IsSupported, p => Hash(new Sha3_512(p), data, h => h.Append, h => h.GetHashAndReset().ToString()));
        }
    }

    [Fact]
    public void MacsAgree()
    {
        for (var i = 0; i < 10; i++)
        {
            var data = RandomNumberGenerator.GetBytes(RandomSize(i));
            var key = RandomNumberGenerator.GetBytes(Random.Shared.Next(1, 200));
            var cmacKey = CmacAes.Key256.Random();
            Both(HmacSha1.IsSupported, p => Hash(new HmacSha1(key, p), data, h => h.Append, h => h.GetMacAndReset().ToString()));
            Both(HmacSha256.IsSupported, p => Hash(new HmacSha256(key, p), data, h => h.Append, h => h.GetMacAndReset().ToString()));
            Both(HmacSha384.IsSupported, p => Hash(new HmacSha384(key, p), data, h => h.Append, h => h.GetMacAndReset().ToString()));
            Both(HmacSha512.IsSupported, p => Hash(new HmacSha512(key, p), data, h => h.Append, h => h.GetMacAndReset().ToString()));
            Both(CmacAes.IsSupported, p => Hash(new CmacAes(cmacKey, p), data, h => h.Append, h => h.GetMacAndReset().ToString()));
        }
    }

    [Fact]
    public void SkciphersAgreeOneShotAndStreamed()
    {
        for (var i = 0; i < 8; i++)
        {
            var size = RandomSize(i);
            var blocks = RandomNumberGenerator.GetBytes(size - (size % 16));
            var any = RandomNumberGenerator.GetBytes(size);
            var cbcKey = CbcAes.Key128.Random();
            var cbcIv = CbcAes.Iv.Random();
            var ctrKey = CtrAes.Key256.Random();
            var ctrIv = CtrAes.Iv.Random();
            var ecbKey = EcbAes.Key192.Random();
            Both(CbcAes.IsSupported, p => Use(new CbcAes(cbcKey, p), c => Hex(c.Encrypt(cbcIv, blocks)) + Hex(Streamed(c.CreateEncryptor(cbcIv), blocks)) + Hex(c.EncryptPkcs7(cbcIv, any))));
            Both(CtrAes.IsSupported, p => Use(new CtrAes(ctrKey, p), c => Hex(c.Encrypt(ctrIv, any)) + Hex(Streamed(c.CreateEncryptor(ctrIv), any))));
            Both(EcbAes.IsSupported, p => Use(new EcbAes(ecbKey, p), c => Hex(c.Encrypt(blocks))));
        }
    }

    [Fact]
    public void AeadsAgree()
    {
        for (var i = 0; i < 8; i++)
        {
            var data = RandomNumberGenerator.GetBytes(Math.Min(RandomSize(i), 200 * 1024)); // one kernel request each
            var aad = RandomNumberGenerator.GetBytes(Random.Shared.Next(0, 600));
            var gcmKey = GcmAes.Key128.Random();
            var gcmNonce = GcmAes.Nonce.Random();
            var ccmKey = CcmAes.Key256.Random();
            var ccmNonce = CcmAes.Nonce.Random();
            var chachaKey = ChaCha20Poly1305Aead.Key256.Random();
            var chachaNonce = ChaCha20Poly1305Aead.Nonce.Random();
            Both(GcmAes.IsSupported, p => Use(new GcmAes(gcmKey, p), a =>
            {
                var ct = new byte[data.Length];
                a.Encrypt(gcmNonce, data, ct, out var tag, aad);
                return Hex(ct) + tag;
            }));
            Both(CcmAes.IsSupported, p => Use(new CcmAes(ccmKey, p), a =>
            {
                var ct = new byte[data.Length];
                a.Encrypt(ccmNonce, data, ct, out var tag, aad);
                return Hex(ct) + tag;
            }));
            Both(ChaCha20Poly1305Aead.IsSupported && ChaCha20Poly1305.IsSupported, p => Use(new ChaCha20Poly1305Aead(chachaKey, p), a =>
            {
                var ct = new byte[data.Length];
                a.Encrypt(chachaNonce, data, ct, out var tag, aad);
                return Hex(ct) + tag;
            }));
        }
    }

    /// <summary>The same computation on each backend: equal results, and each instance says which backend it is on.</summary>
    private static void Both(bool kernelServes, Func<BackendPolicy, (Backend Backend, string Output)> compute)
    {
        if (!kernelServes)
            return;
        var kernel = compute(BackendPolicy.Kernel);
        var managed = compute(BackendPolicy.Managed);
        Assert.Equal(Backend.Kernel, kernel.Backend);
        Assert.Equal(Backend.Managed, managed.Backend);
        Assert.Equal(kernel.Output, managed.Output);
    }

    private delegate void Appender(ReadOnlySpan<byte> data);

    /// <summary>A one-shot-sized message appended in random pieces, then finished.</summary>
    private static (Backend, string) Hash<T>(T instance, byte[] data, Func<T, Appender> append, Func<T, string> finish)
        where T : IDisposable
        => Use(instance, h =>
        {
            for (var offset = 0; offset < data.Length;)
            {
                var n = Math.Min(data.Length - offset, Random.Shared.Next(1, 70_000));
                append(h)(data.AsSpan(offset, n));
                offset += n;
            }

            return finish(h);
        });

    private static (Backend, string) Use<T>(T instance, Func<T, string> use)
        where T : IDisposable
    {
        using (instance)
            return ((Backend)typeof(T).GetProperty("Backend")!.GetValue(instance)!, use(instance));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static byte[] Streamed(ISkcipherStream stream, byte[] input)
    {
        using (stream)
        {
            var output = new byte[input.Length];
            var written = 0;
            for (var offset = 0; offset < input.Length;)
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

/// <summary>
/// Linux 7.3 as shipped (crypto.af_alg_restrict=1, root): the policy refuses gcm(aes) to every process. With the
/// fallback on, GcmAes is served by the managed backend and says so; with the default policy it refuses as the kernel
/// issue specifies.
/// </summary>
[Trait("Boot", "af_alg_restrict-1")]
public sealed class RestrictedPolicyFallbackTests
{
    [Fact]
    public void GcmFallsBackToTheManagedBackendAndSaysSo()
    {
        Assert.Equal(1, KernelCrypto.AfAlgRestrict);
        var key = GcmAes.Key256.Random();
        using var gcm = new GcmAes(key, BackendPolicy.KernelThenManaged);
        Assert.Equal(Backend.Managed, gcm.Backend);

        var plaintext = RandomNumberGenerator.GetBytes(1000);
        var nonce = GcmAes.Nonce.Random();
        var ciphertext = new byte[plaintext.Length];
        gcm.Encrypt(nonce, plaintext, ciphertext, out var tag, "ad"u8);
        using var reference = new AesGcm(key.AsSpan(), GcmAes.TagSize);
        var expected = new byte[plaintext.Length];
        var expectedTag = new byte[GcmAes.TagSize];
        reference.Encrypt(nonce.AsSpan(), plaintext, expected, expectedTag, "ad"u8);
        Assert.Equal(expected, ciphertext);
        Assert.Equal(expectedTag, tag.AsSpan().ToArray());
        Assert.Equal(plaintext, gcm.Open(gcm.Seal(plaintext)));

        // sha256 is on the level-1 allowlist: the same policy keeps it on the kernel.
        using var sha = new Sha256(BackendPolicy.KernelThenManaged);
        Assert.Equal(Backend.Kernel, sha.Backend);
    }

    [Fact]
    public void TheDefaultPolicyRefusesGcmAsTheKernelIssueSpecifies()
    {
        var e = Assert.Throws<AlgorithmRefusedByPolicyException>(() => new GcmAes(GcmAes.Key256.Random()));
        Assert.Equal(1, e.RestrictLevel);
        Assert.Equal(BackendPolicy.Kernel, GcmAes.DefaultBackendPolicy);
    }

    [Fact]
    public void TheDrbgsRefuseWithBothReasonsUnderTheFallback()
    {
        var e = Assert.Throws<TypedAlg.Managed.NoManagedBackendException>(() => new DrbgNoprSha256(BackendPolicy.KernelThenManaged));
        Assert.IsAssignableFrom<AlgorithmUnavailableException>(e.InnerException);
        Assert.Contains("SP 800-90A", e.Message);
        Assert.Contains("The kernel refused it first", e.Message);
    }
}
