using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Tests;

/// <summary>
/// What the kernel of this guest serves, as measured (docs/kernels.md), for tests whose outcome depends on it: they
/// assert what this kernel does, the result or the documented exception, and never skip. Linked into every kernel
/// test project.
/// </summary>
internal static class ThisBoot
{
    /// <summary>The kernel of this boot, as the harness names it (5.10 ... 7.3).</summary>
    internal static string Kernel =>
        Environment.GetEnvironmentVariable("TYPEDALG_GUEST_KERNEL") ?? throw new InvalidOperationException("run this test in a guest of tools/kernel-vm/run");

    /// <summary>Linux 7.2 removed every DRBG (and with them stdrng) from AF_ALG.</summary>
    internal static bool ServesDrbg => Kernel is not ("7.2" or "7.3");

    /// <summary>Asserts the documented refusal of an rng class on a kernel without DRBGs.</summary>
    internal static void AssertNoDrbg(Action use)
    {
        var error = Assert.IsType<AlgorithmNotFoundException>(Record.Exception(use));
        Assert.Equal(UnavailableReason.NotInKernel, error.Reason);
        Assert.Contains("registers no DRBG", error.Message, StringComparison.Ordinal);
        Assert.Contains("Linux 7.2 removed", error.Message, StringComparison.Ordinal);
        Assert.Contains("RandomNumberGenerator", error.Message, StringComparison.Ordinal);
    }
}
