using System.Text.Json;
using TypedAlg.Cli.Manifest;
using TypedAlg.Runtime;
using TypedAlg.Tests;
using Xunit;
using static TypedAlg.Cli.KernelTests.Tools;

namespace TypedAlg.Cli.KernelTests;

/// <summary>
/// typedalg doctor gives, in each boot, the verdict the measured data (docs/kernels.md) expects for every class of the
/// default manifest, and exits 0 only when every class works. The derived classes are the boots of ./test.
/// </summary>
public abstract class DoctorTests
{
    [Fact]
    public void VerdictPerClassAndExitCodeMatchThisBoot()
    {
        var run = Ours(["doctor", "--json"]);
        using var report = JsonDocument.Parse(run.Text);
        var root = report.RootElement;
        var manifest = AlgorithmManifest.Locate(null, Dir);
        Assert.Equal(manifest.Entries.Count, root.GetProperty("classes").GetArrayLength());

        var allWork = true;
        foreach (var c in root.GetProperty("classes").EnumerateArray())
        {
            var entry = manifest.Entries.Single(e => e.Class == c.GetProperty("class").GetString());
            var expected = ThisBoot.Expected(entry.KernelName, entry.FipsApproved == true);
            allWork &= expected is null;
            Assert.True(expected is null == c.GetProperty("works").GetBoolean(), $"{entry.Class}: expected {expected?.ToString() ?? "works"}, got {c}");
            Assert.Equal(expected?.ToString(), c.GetProperty("reason").GetString());
            Assert.Equal(expected is null, c.GetProperty("message").ValueKind == JsonValueKind.Null);
        }

        Assert.Equal(allWork ? 0 : 1, run.ExitCode);
        var level = ThisBoot.RestrictLevel?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(level ?? "null", root.GetProperty("afAlgRestrict").ToString() is { Length: > 0 } v ? v : "null");
        Assert.Equal(ThisBoot.Capable, root.GetProperty("policyCapability").GetBoolean());
        Assert.Equal("loaded", root.GetProperty("modules").GetProperty("algif_hash").GetString());

        // The screen form says the same in one line per class.
        var text = Ours(["doctor"]);
        Assert.Equal(run.ExitCode, text.ExitCode);
        Assert.Contains("policy ", text.Text, StringComparison.Ordinal);
        Assert.Equal(root.GetProperty("classes").EnumerateArray().Count(c => !c.GetProperty("works").GetBoolean()),
            text.Text.Split('\n').Count(l => l.Contains("  REFUSED  ", StringComparison.Ordinal)));
    }

    [Fact]
    public void ManifestImportRecordsOnlyWhatOneBindShows()
    {
        var run = Ours(["manifest", "import", "sha1"]);
        var level = ThisBoot.RestrictLevel;
        if (level == 2)
        {
            // AF_ALG is switched off: a live import has nothing to bind and says so.
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("no AF_ALG sockets", run.Stderr, StringComparison.Ordinal);
            return;
        }

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        var entry = Assert.Single(AlgorithmManifest.Parse(run.Text, "import").Entries);
        var served = ThisBoot.Expected("sha1", fipsApproved: true) is null;
        Assert.Equal(served ? [ThisBoot.Kernel] : null, entry.Kernels);

        // At level 1 one bind tells "any process" only when it succeeds without a capability; as root it cannot tell.
        Assert.Equal(level == 1 && served && !ThisBoot.Capable ? TypedAlg.Annotations.RestrictedAccess.AnyProcess : null, entry.RestrictedAccess);
    }
}

/// <summary>The normal boots of every kernel (7.3 at level 0).</summary>
public sealed class NormalBootDoctorTests : DoctorTests;

/// <summary>6.12 with fips=1.</summary>
[Trait("Boot", "fips")]
public sealed class FipsDoctorTests : DoctorTests;

/// <summary>7.3 as shipped (level 1), as root.</summary>
[Trait("Boot", "af_alg_restrict-1")]
public sealed class DefaultPolicyDoctorTests : DoctorTests;

/// <summary>7.3 at level 1 as uid 65534 without capabilities.</summary>
[Trait("Boot", "af_alg_restrict-1-unprivileged")]
public sealed class UnprivilegedDoctorTests : DoctorTests;

/// <summary>7.3 at level 2.</summary>
[Trait("Boot", "af_alg_restrict-2")]
public sealed class AfAlgOffDoctorTests : DoctorTests;
