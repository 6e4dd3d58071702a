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

    // Measured on 7.3 at af_alg_restrict = 1 (docs/kernels.md); written here independently of the runtime's table,
    // so that a wrong runtime table fails too.
    internal static readonly HashSet<string> AnyProcessAtLevel1 = ["sha1", "xts(aes)"];

    internal static readonly HashSet<string> CapableProcessAtLevel1 =
        ["sha256", "sha384", "sha512", "md5", "hmac(sha1)", "hmac(sha256)", "hmac(sha384)", "hmac(sha512)", "cmac(aes)", "cbc(aes)", "ctr(aes)", "ecb(aes)", "ccm(aes)"];

    /// <summary>Whether this process has CAP_NET_ADMIN or CAP_SYS_ADMIN (read here, not from the runtime under test).</summary>
    internal static bool Capable
    {
        get
        {
            var line = File.ReadLines("/proc/thread-self/status").First(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
            var caps = Convert.ToUInt64(line["CapEff:".Length..].Trim(), 16);
            return (caps & (1UL << 12 | 1UL << 21)) != 0;
        }
    }

    /// <summary>crypto.af_alg_restrict as this guest has it (read here, not from the runtime under test); null without the sysctl.</summary>
    internal static int? RestrictLevel =>
        File.Exists("/proc/sys/crypto/af_alg_restrict") ? int.Parse(File.ReadAllText("/proc/sys/crypto/af_alg_restrict").Trim(), System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Whether the kernel runs in FIPS mode (fips=1).</summary>
    internal static bool FipsMode =>
        File.Exists("/proc/sys/crypto/fips_enabled") && File.ReadAllText("/proc/sys/crypto/fips_enabled").Trim() == "1";

    /// <summary>What this boot does with a default entry: null when it works, else the documented reason.</summary>
    internal static UnavailableReason? Expected(string kernelName, bool fipsApproved)
    {
        var level = RestrictLevel;
        if (level == 2)
        {
            return UnavailableReason.AfAlgDisabledByPolicy;
        }

        if (level == 1 && !AnyProcessAtLevel1.Contains(kernelName) && !(Capable && CapableProcessAtLevel1.Contains(kernelName)))
        {
            return UnavailableReason.RefusedByPolicy;
        }

        if (!fipsApproved && FipsMode)
        {
            return UnavailableReason.RefusedInFipsMode;
        }

        var drbg = kernelName.StartsWith("drbg_", StringComparison.Ordinal) || kernelName == "stdrng";
        return drbg && !ServesDrbg ? UnavailableReason.NotInKernel : null;
    }
}
