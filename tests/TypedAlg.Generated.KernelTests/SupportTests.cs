using TypedAlg.Generated.KernelTests.Absent;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>IsSupported for every default entry, and what an entry the kernel lacks looks like.</summary>
public sealed class SupportTests
{
    [Fact]
    public void EveryDefaultEntryIsSupportedByThisKernel()
    {
        var unsupported = new (string Name, bool Supported)[]
        {
            (CbcAes.AlgorithmName, CbcAes.IsSupported), (CtrAes.AlgorithmName, CtrAes.IsSupported),
            (XtsAes.AlgorithmName, XtsAes.IsSupported), (EcbAes.AlgorithmName, EcbAes.IsSupported),
            (GcmAes.AlgorithmName, GcmAes.IsSupported), (CcmAes.AlgorithmName, CcmAes.IsSupported),
            (ChaCha20Poly1305.AlgorithmName, ChaCha20Poly1305.IsSupported),
            (Md5.AlgorithmName, Md5.IsSupported), (Sha1.AlgorithmName, Sha1.IsSupported),
            (Sha256.AlgorithmName, Sha256.IsSupported), (Sha384.AlgorithmName, Sha384.IsSupported),
            (Sha512.AlgorithmName, Sha512.IsSupported), (Sha3_256.AlgorithmName, Sha3_256.IsSupported),
            (Sha3_512.AlgorithmName, Sha3_512.IsSupported), (HmacSha1.AlgorithmName, HmacSha1.IsSupported),
            (HmacSha256.AlgorithmName, HmacSha256.IsSupported), (HmacSha384.AlgorithmName, HmacSha384.IsSupported),
            (HmacSha512.AlgorithmName, HmacSha512.IsSupported), (CmacAes.AlgorithmName, CmacAes.IsSupported),
            (DrbgNoprSha256.AlgorithmName, DrbgNoprSha256.IsSupported),
            (DrbgNoprHmacSha256.AlgorithmName, DrbgNoprHmacSha256.IsSupported), (StdRng.AlgorithmName, StdRng.IsSupported),
        }.Where(e => !e.Supported).Select(e => e.Name).ToList();
        Assert.Empty(unsupported);
    }

    [Fact]
    public void MissingAlgorithmIsUnsupportedAndItsConstructorSaysWhy()
    {
        Assert.False(MissingHash.IsSupported);
        var error = Assert.ThrowsAny<KernelCryptoException>(() => new MissingHash());
        Assert.Contains("typedalg_missing", error.Message);
        Assert.IsType<AlgorithmNotFoundException>(error);

        Assert.False(MissingCipher.IsSupported);
        var cipherError = Assert.ThrowsAny<KernelCryptoException>(() => new MissingCipher(MissingCipher.Key128.Random()));
        Assert.Contains("cbc(typedalg_missing)", cipherError.Message);
    }

    [Fact]
    public void DisposedInstancesThrowObjectDisposed()
    {
        var sha = new Sha256();
        sha.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sha.Append("x"u8));
    }
}
