using TypedAlg.Generated.KernelTests.Absent;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>What an entry the kernel lacks looks like (AvailabilityTests covers IsSupported of every default entry).</summary>
public sealed class SupportTests
{
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
