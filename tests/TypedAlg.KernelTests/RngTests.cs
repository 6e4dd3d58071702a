using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>
/// DRBGs are seeded before use, deliver any length in 128-byte receives, and report missing features clearly. On
/// Linux 7.2 and later, which register no DRBG, each must fail with the documented reason instead.
/// </summary>
public sealed class RngTests
{
    [Theory]
    [InlineData("drbg_nopr_hmac_sha256")]
    [InlineData("drbg_nopr_sha256")]
    [InlineData("drbg_pr_ctr_aes128")]
    [InlineData("stdrng")]
    public void FillsAnyLength(string algorithm)
    {
        if (!ThisBoot.ServesDrbg)
        {
            ThisBoot.AssertNoDrbg(() => new RngCore(algorithm).Dispose());
            return;
        }

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
        if (!ThisBoot.ServesDrbg)
        {
            ThisBoot.AssertNoDrbg(() => new RngCore("drbg_nopr_hmac_sha256", "TypedAlg test"u8).Dispose());
            return;
        }

        using var rng = new RngCore("drbg_nopr_hmac_sha256", "TypedAlg test"u8);
        var output = new byte[300];
        rng.Fill(output);
        Assert.Contains(output[256..], x => x != 0);
    }

    [Fact]
    public void StaticFillWorksFromManyThreads()
    {
        if (!ThisBoot.ServesDrbg)
        {
            ThisBoot.AssertNoDrbg(() => RngCore.Fill("drbg_nopr_hmac_sha256", new byte[200]));
            return;
        }

        Parallel.For(0, 4, _ =>
        {
            var output = new byte[200];
            RngCore.Fill("drbg_nopr_hmac_sha256", output);
            Assert.Contains(output[128..], x => x != 0);
        });
    }

    [Fact]
    public void TestEntropyNeedsTheCavpOption()
    {
        // Debian's 5.10, 6.1 and 6.12 kernels are all built without CONFIG_CRYPTO_USER_API_RNG_CAVP; 7.2+ have no DRBG.
        if (!ThisBoot.ServesDrbg)
        {
            ThisBoot.AssertNoDrbg(() => RngCore.CreateWithTestEntropy("drbg_nopr_hmac_sha256", new byte[48], default).Dispose());
            return;
        }

        var e = Assert.Throws<NotSupportedException>(() => RngCore.CreateWithTestEntropy("drbg_nopr_hmac_sha256", new byte[48], default));
        Assert.Contains("CONFIG_CRYPTO_USER_API_RNG_CAVP", e.Message);
        Assert.Contains(Kernel.Release, e.Message);
    }

    [Fact]
    public void UnknownDrbgSuggestsExistingOnes()
    {
        if (!ThisBoot.ServesDrbg)
        {
            // Nothing to suggest: the message names no DRBG this kernel lacks.
            ThisBoot.AssertNoDrbg(() => new RngCore("drbg_nopr_sha257").Dispose());
            Assert.Empty(Assert.Throws<AlgorithmNotFoundException>(() => new RngCore("drbg_nopr_sha257")).ClosestNames);
            return;
        }

        var e = Assert.Throws<AlgorithmNotFoundException>(() => new RngCore("drbg_nopr_sha257"));
        Assert.Contains("drbg_nopr_sha256", e.ClosestNames);
        Assert.Contains("drbg_nopr_sha256", e.Message);
        Assert.False(e.RefusedInFipsMode);
    }
}
