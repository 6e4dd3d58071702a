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
                for (int i = 0; i < 50; i++)
                {
                    var e = Assert.Throws<AlgorithmTypeUnavailableException>(() => new AeadCore("gcm(aes)", new byte[16], 12, 16));
                    Assert.Equal("algif_aead", e.ModuleName);
                    Assert.Throws<AlgorithmTypeUnavailableException>(() => new ChaCha20Poly1305(ChaCha20Poly1305.Key256.Random()));
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
                    ProcCryptoEntry? entry = KernelCrypto.ReadProcCrypto().Where(x => x.Name == "gcm(aes)").MaxBy(x => x.Priority);
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
