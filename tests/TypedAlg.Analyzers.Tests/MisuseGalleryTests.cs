using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TypedAlg.Analyzers.Tests;

/// <summary>
/// Builds samples/MisuseGallery (real generator, runtime and analyzers; expected to fail with errors) and checks
/// that each TAxxxx.cs file reports exactly its own rule, every rule is shown, and no analyzer crashed (AD0001).
/// </summary>
public sealed partial class MisuseGalleryTests
{
    private static readonly string[] Rules =
    [
        "TA0001", "TA0002", "TA0010", "TA0011", "TA0012", "TA0013", "TA0014",
        "TA0020", "TA0021", "TA0022", "TA0030", "TA0031", "TA0040", "TA0050",
    ];

    [GeneratedRegex(@"[/\\](?<file>[^/\\(]+)\.cs\(\d+,\d+\): (?:error|warning|info) (?<id>TA0\d{3}|AD0001):")]
    private static partial Regex Diagnostic();

    [Fact]
    public async Task ReportsExactlyOneRulePerFileAndNoCrash()
    {
        var project = Repository.PathOf("samples", "MisuseGallery", "MisuseGallery.csproj");
        var artifacts = Path.Combine(Path.GetTempPath(), "typedalg-misusegallery-" + Environment.ProcessId);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "build", project, "--artifacts-path", artifacts, "-p:TreatWarningsAsErrors=false", "-nologo", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var output = await stdout + await stderr;
        try
        {
            Directory.Delete(artifacts, recursive: true);
        }
        catch (IOException)
        {
        }

        var found = Diagnostic().Matches(output)
            .Select(m => (File: m.Groups["file"].Value, Id: m.Groups["id"].Value))
            .ToHashSet();

        Assert.DoesNotContain(found, f => f.Id == "AD0001");
        Assert.NotEqual(0, process.ExitCode); // errors by design
        Assert.Equal(Rules, found.Select(f => f.Id).Distinct().Order());
        Assert.All(found, f => Assert.Equal(f.File, f.Id)); // TA0012.cs reports TA0012 and nothing else
        Assert.DoesNotContain("error CS", output); // only our rules fail the build
    }
}
