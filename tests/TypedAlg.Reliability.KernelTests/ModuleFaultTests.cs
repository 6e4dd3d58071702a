using TypedAlg.Annotations;
using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// Runs only in the boot without algif_aead (./test: "without-algif_aead|all|--without algif_aead"): the AEAD type
/// is refused with its own exception, through the core and the generated class, and no descriptor stays open.
/// </summary>
[Trait("Boot", "without-algif_aead")]
public sealed class WithoutAlgifAeadFaultTests
{
    [Fact]
    public void EveryAeadEntryPointIsRefusedWithoutLeaks()
    {
        Fds.AssertNoneLeft(
            () =>
            {
                for (var i = 0; i < 50; i++)
                {
                    var e = Assert.Throws<AlgorithmTypeUnavailableException>(() => new AeadCore("gcm(aes)", new byte[16], 12, 16));
                    Assert.Equal("algif_aead", e.ModuleName);
                    Assert.Throws<AlgorithmTypeUnavailableException>(() => new ChaCha20Poly1305Aead(ChaCha20Poly1305Aead.Key256.Random()));
                    Assert.Throws<AlgorithmTypeUnavailableException>(() => new GcmAes(GcmAes.Key128.Random()).Dispose());
                }

                Assert.False(GcmAes.IsSupported);
                Assert.False(KernelCrypto.IsSupported("ccm(aes)", KernelAlgorithmType.Aead));
            },
            "AEAD without algif_aead");
    }
}

/// <summary>
/// Runs only in the boot that leaves the gcm and drbg modules out (./test: "without-gcm-drbg|6.1|--without gcm --without drbg";
/// 6.12 has drbg built in). Those algorithms are refused with AlgorithmNotFoundException and no descriptor stays open,
/// while the other algorithms keep working.
/// </summary>
[Trait("Boot", "without-gcm-drbg")]
public sealed class WithoutGcmAndDrbgFaultTests
{
    [Fact]
    public void GcmTemplateIsNotFound()
    {
        Fds.AssertNoneLeft(
            () =>
            {
                // gcm_base lives only in gcm.ko; the plain name "gcm(aes)" may still be served by aesni_intel.
                var e = Assert.Throws<AlgorithmNotFoundException>(() => new AeadCore("gcm_base(ctr(aes-generic),ghash-generic)", new byte[16], 12, 16));
                Assert.Equal(2, e.Errno);
                Assert.Contains(Kernel.Release, e.Message);
                Assert.Throws<AlgorithmNotFoundException>(() => new AeadCore("rfc4106(gcm_base(ctr(aes-generic),ghash-generic))", new byte[20], 8, 16));
                try
                {
                    using var gcm = new GcmAes(GcmAes.Key128.Random());
                    var entry = KernelCrypto.ReadProcCrypto().Where(x => x.Name == "gcm(aes)").MaxBy(x => x.Priority);
                    Assert.NotNull(entry);
                    Assert.NotEqual("gcm", entry.Module); // then an arch driver serves it, not the missing module
                }
                catch (AlgorithmNotFoundException)
                {
                    Assert.False(GcmAes.IsSupported);
                }
            },
            "gcm without gcm.ko");
    }

    [Fact]
    public void DrbgIsNotFound()
    {
        Fds.AssertNoneLeft(
            () =>
            {
                Assert.Throws<AlgorithmNotFoundException>(() => new RngCore("drbg_nopr_hmac_sha256"));
                Assert.Throws<AlgorithmNotFoundException>(() => new DrbgNoprSha256());
                Assert.Throws<AlgorithmNotFoundException>(() => RngCore.Fill("drbg_pr_hmac_sha256", new byte[16]));
                Assert.False(DrbgNoprHmacSha256.IsSupported);
            },
            "drbg without drbg.ko");
    }

    [Fact]
    public void OtherAlgorithmsStillWork()
    {
        using var hash = new Sha256();
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.Hash("abc"u8).ToString());
        using var cbc = new CbcAes(CbcAes.Key128.Random());
        Assert.Equal(32, cbc.Encrypt(CbcAes.Iv.Random(), new byte[32]).Length);
    }
}

/// <summary>
/// Runs only in the boot that leaves the af_alg module out (./test: "without-af_alg|6.12|--without af_alg"): a real
/// kernel without AF_ALG. Every entry point answers AfAlgUnavailableException with the kernel option to enable, and
/// repeating it leaves no descriptor open. The host, whose kernel has no AF_ALG at all, runs the same checks in
/// TypedAlg.Runtime.Tests.
/// </summary>
[Trait("Boot", "without-af_alg")]
public sealed class WithoutAfAlgFaultTests
{
    private static readonly Action[] EntryPoints =
    [
        () => new HashCore("sha256", 32).Dispose(),
        () => new HashCore("hmac(sha256)", 32, new byte[32]).Dispose(),
        () => HashCore.HashData("sha256", 32, "a"u8, new byte[32]),
        () => HashCore.MacData("hmac(sha256)", 32, new byte[32], "a"u8, new byte[32]),
        () => new SkcipherCore("cbc(aes)", new byte[16], 16, 16).Dispose(),
        () => new AeadCore("gcm(aes)", new byte[16], 12, 16).Dispose(),
        () => new RngCore("drbg_nopr_hmac_sha256").Dispose(),
        () => RngCore.Fill("stdrng", new byte[16]),
    ];

    [Fact]
    public void EveryEntryPointSaysAfAlgIsMissingAndLeavesNothingOpen()
    {
        Assert.False(KernelCrypto.IsAfAlgAvailable);
        Assert.False(KernelCrypto.IsSupported("sha256", KernelAlgorithmType.Hash));
        foreach (var call in EntryPoints)
        {
            var e = Assert.Throws<AfAlgUnavailableException>(call);
            Assert.Equal(97, e.Errno); // EAFNOSUPPORT: the module could not be loaded
            Assert.Contains("CONFIG_CRYPTO_USER_API", e.Message);
        }

        Fds.AssertNoneLeft(
            () =>
            {
                for (var round = 0; round < 100; round++)
                {
                    foreach (var call in EntryPoints)
                    {
                        Assert.Throws<AfAlgUnavailableException>(call);
                    }
                }
            },
            "entry points without AF_ALG");
    }
}
