using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>DRBGs are seeded before use, deliver any length in 128-byte receives, and report missing features clearly.</summary>
public sealed class RngTests
{
    [Theory]
    [InlineData("drbg_nopr_hmac_sha256")]
    [InlineData("drbg_nopr_sha256")]
    [InlineData("drbg_pr_ctr_aes128")]
    [InlineData("stdrng")]
    public void FillsAnyLength(string algorithm)
    {
        using var rng = new RngCore(algorithm);
        foreach (var length in new[] { 0, 1, 127, 128, 129, 1000, 4096 })
        {
            var a = new byte[length];
            var b = new byte[length];
            rng.Fill(a);
            rng.Fill(b);
            if (length >= 16)
            {
                Assert.False(a.AsSpan().SequenceEqual(b));
                Assert.Contains(a[^16..], x => x != 0); // the tail after the last whole 128-byte receive is filled too
            }
        }
    }

    [Fact]
    public void PersonalizationIsAccepted()
    {
        using var rng = new RngCore("drbg_nopr_hmac_sha256", "TypedAlg test"u8);
        var output = new byte[300];
        rng.Fill(output);
        Assert.Contains(output[256..], x => x != 0);
    }

    [Fact]
    public void StaticFillWorksFromManyThreads() =>
        Parallel.For(0, 4, _ =>
        {
            var output = new byte[200];
            RngCore.Fill("drbg_nopr_hmac_sha256", output);
            Assert.Contains(output[128..], x => x != 0);
        });

    [Fact]
    public void TestEntropyNeedsTheCavpOption()
    {
        // Debian's 5.10, 6.1 and 6.12 kernels are all built without CONFIG_CRYPTO_USER_API_RNG_CAVP.
        var e = Assert.Throws<NotSupportedException>(() => RngCore.CreateWithTestEntropy("drbg_nopr_hmac_sha256", new byte[48], default));
        Assert.Contains("CONFIG_CRYPTO_USER_API_RNG_CAVP", e.Message);
        Assert.Contains(Kernel.Release, e.Message);
    }

    [Fact]
    public void UnknownDrbgSuggestsExistingOnes()
    {
        var e = Assert.Throws<AlgorithmNotFoundException>(() => new RngCore("drbg_nopr_sha257"));
        Assert.Contains("drbg_nopr_sha256", e.ClosestNames);
        Assert.Contains("drbg_nopr_sha256", e.Message);
        Assert.False(e.RefusedInFipsMode);
    }
}
