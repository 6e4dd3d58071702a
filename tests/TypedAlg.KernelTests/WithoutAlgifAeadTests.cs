using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>
/// Runs only in the boot without algif_aead (./test passes --without algif_aead and -trait Boot=without-algif_aead;
/// the normal runs exclude it with -trait- Boot=without-algif_aead).
/// </summary>
[Trait("Boot", "without-algif_aead")]
public sealed class WithoutAlgifAeadTests
{
    [Fact]
    public void AeadReportsTheMissingModule()
    {
        var e = Assert.Throws<AlgorithmTypeUnavailableException>(() => new AeadCore("gcm(aes)", new byte[16], 12, 16));
        Assert.Equal("algif_aead", e.ModuleName);
        Assert.Contains("CONFIG_CRYPTO_USER_API_AEAD", e.Message);
        Assert.Contains("blacklist", e.Message);
        Assert.False(KernelCrypto.IsSupported("gcm(aes)", Annotations.KernelAlgorithmType.Aead));
    }

    [Fact]
    public void OtherTypesStillWork()
    {
        using var hash = new HashCore("sha256", 32);
        var digest = new byte[32];
        hash.HashData("abc"u8, digest);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(digest));
    }
}
