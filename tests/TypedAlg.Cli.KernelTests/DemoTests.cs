using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace TypedAlg.Cli.KernelTests;

/// <summary>
/// The demo behind ./run finishes on every kernel of the matrix: each of its six steps prints its driver or, where the
/// kernel or its policy refuses, one line with the reason. Runs in every normal boot and the 7.3 policy boots.
/// </summary>
public abstract class DemoTests
{
    private static readonly string[] Steps =
        ["SHA-256 of a file", "HMAC-SHA-256", "AES-256-GCM Seal/Open", "AES-128-CBC", "DRBG bytes", "HMAC with a keyring key"];

    [Fact]
    public async Task EveryStepWorksOrSaysWhyInOneLine()
    {
        var root = typeof(DemoTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        var demo = Path.Combine(root, "samples", "Demo", "bin", "Release", "net10.0", "Demo.dll");
        Assert.True(File.Exists(demo), $"{demo} is not built (dotnet build TypedAlg.sln -c Release)");
        var start = new ProcessStartInfo("dotnet", [demo, Path.Combine(root, "README.md")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{stdout}\n{await stderr}");
        var lines = stdout.Split('\n');
        Assert.StartsWith("Linux ", lines[0], StringComparison.Ordinal);
        Assert.Contains("AF_ALG policy", lines[0], StringComparison.Ordinal);
        foreach (var step in Steps)
        {
            var line = Assert.Single(lines, l => l.StartsWith(step + " ", StringComparison.Ordinal));
            Assert.True(line.Contains(" driver ", StringComparison.Ordinal) || line.Contains(" refused: ", StringComparison.Ordinal), line);
        }

        Assert.DoesNotContain("FAILED", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong!", stdout, StringComparison.Ordinal);
    }
}

/// <summary>The normal boots.</summary>
public sealed class NormalBootDemoTests : DemoTests;

/// <summary>7.3 as shipped (level 1).</summary>
[Trait("Boot", "af_alg_restrict-1")]
public sealed class DefaultPolicyDemoTests : DemoTests;

/// <summary>7.3 at level 1 without capabilities.</summary>
[Trait("Boot", "af_alg_restrict-1-unprivileged")]
public sealed class UnprivilegedDemoTests : DemoTests;

/// <summary>7.3 at level 2.</summary>
[Trait("Boot", "af_alg_restrict-2")]
public sealed class AfAlgOffDemoTests : DemoTests;
