using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>
/// The DRBGs and stdrng. Without CAVP entropy input (the Debian kernels lack it) there is no known
/// answer: the checks are that output arrives, in any length, and never repeats. Linux 7.2 and later register no
/// DRBG: there each class must fail with the documented reason instead.
/// </summary>
public sealed class RngTests
{
    [Fact]
    public void DrbgNoprSha256GivesFreshBytes() => AssertRandom(() => new DrbgNoprSha256(), r => r.Fill, r => r.GetBytes);

    [Fact]
    public void DrbgNoprHmacSha256GivesFreshBytes() => AssertRandom(() => new DrbgNoprHmacSha256("typedalg-test"u8), r => r.Fill, r => r.GetBytes);

    [Fact]
    public void StdRngGivesFreshBytes() => AssertRandom(() => new StdRng(), r => r.Fill, r => r.GetBytes);

    [Fact]
    public void EachGeneratorReportsTheDriverServingIt()
    {
        if (!ThisBoot.ServesDrbg)
        {
            ThisBoot.AssertNoDrbg(() => new StdRng().Dispose());
            return;
        }

        using var drbg = new DrbgNoprSha256();
        Assert.Equal("drbg_nopr_sha256", drbg.Driver);
        // stdrng is a name several DRBGs register; the kernel's choice is the highest-priority one, a DRBG.
        using var std = new StdRng();
        Assert.StartsWith("drbg_", std.Driver, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedFillIsThreadSafe()
    {
        if (!ThisBoot.ServesDrbg)
        {
            ThisBoot.AssertNoDrbg(() => DrbgNoprSha256.FillShared(new byte[300]));
            return;
        }

        var outputs = new byte[4][];
        Parallel.For(0, outputs.Length, i =>
        {
            outputs[i] = new byte[300];
            DrbgNoprSha256.FillShared(outputs[i]);
        });
        Assert.Equal(outputs.Length, outputs.Select(Convert.ToHexString).Distinct().Count());
        Assert.All(outputs, o => Assert.Contains(o, b => b != 0));
    }

    private static void AssertRandom<T>(Func<T> create, Func<T, Action<Span<byte>>> fill, Func<T, Func<int, byte[]>> getBytes)
        where T : IDisposable
    {
        if (!ThisBoot.ServesDrbg)
        {
            ThisBoot.AssertNoDrbg(() => create().Dispose());
            return;
        }

        using var rng = create();
        var a = new byte[32];
        var b = new byte[32];
        fill(rng)(a);
        fill(rng)(b);
        Assert.NotEqual(a, b);
        // More than the kernel's 128 bytes per recv, and an odd length.
        var large = getBytes(rng)(1001);
        Assert.Equal(1001, large.Length);
        Assert.Contains(large[900..], x => x != 0);
        Assert.Empty(getBytes(rng)(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => getBytes(rng)(-1));
    }
}
