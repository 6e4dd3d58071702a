using Microsoft.CodeAnalysis;
using Xunit;

namespace TypedAlg.Generator.Tests;

/// <summary>
/// Golden files: the generated source for each manifest is compared byte for byte with
/// Baselines/&lt;case&gt;/&lt;file&gt;.txt. Set TYPEDALG_ACCEPT_BASELINES=1 to rewrite them (stale files are
/// deleted then); without it, a missing, extra or different file fails.
/// </summary>
public sealed class BaselineTests
{
    private static bool Accept => Environment.GetEnvironmentVariable("TYPEDALG_ACCEPT_BASELINES") == "1";

    [Fact]
    public void DefaultManifestMatchesBaselines()
        => AssertBaselines("Default", GeneratorRunner.Run(GeneratorRunner.DefaultManifestText()));

    [Fact]
    public void EdgeCaseManifestMatchesBaselines()
    {
        var path = Path.Combine(GeneratorRunner.TestProjectDirectory(), "Manifests", "edge-cases.algorithms.json");
        AssertBaselines("EdgeCases", GeneratorRunner.Run(File.ReadAllText(path), "/src/edge-cases.algorithms.json"));
    }

    [Fact]
    public void KernelThenManagedProjectMatchesBaselines()
    {
        var (compilation, driver) = BackendRunner.Create("KernelThenManaged", managed: true);
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        GeneratorRunner.AssertSecondRunIsCached(driver, compilation);
        AssertBaselines("KernelThenManaged", driver.GetRunResult());
    }

    private static void AssertBaselines(string caseName, GeneratorDriverRunResult run)
    {
        var result = Assert.Single(run.Results);
        Assert.Null(result.Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(result.GeneratedSources);

        var directory = Path.Combine(GeneratorRunner.TestProjectDirectory(), "Baselines", caseName);
        var generated = result.GeneratedSources.ToDictionary(s => s.HintName + ".txt", s => s.SourceText.ToString());

        if (Accept)
        {
            Directory.CreateDirectory(directory);
            foreach (var stale in Directory.GetFiles(directory).Where(f => !generated.ContainsKey(Path.GetFileName(f))))
                File.Delete(stale);
            foreach (var (name, text) in generated)
                File.WriteAllText(Path.Combine(directory, name), text);
            return;
        }

        var existing = Directory.Exists(directory)
            ? Directory.GetFiles(directory).Select(Path.GetFileName).OfType<string>().ToHashSet()
            : new HashSet<string>();
        var missing = generated.Keys.Where(k => !existing.Contains(k)).Order().ToList();
        var stale2 = existing.Where(k => !generated.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0 && stale2.Count == 0,
            $"Baselines/{caseName} is out of date (missing: {string.Join(", ", missing)}; stale: {string.Join(", ", stale2)}). " +
            "Review the output and re-run with TYPEDALG_ACCEPT_BASELINES=1.");

        foreach (var (name, text) in generated.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var expected = File.ReadAllText(Path.Combine(directory, name));
            if (expected != text)
                Assert.Fail($"Baselines/{caseName}/{name} differs from the generated source at line {FirstDifferentLine(expected, text)}. " +
                    "Review the change and re-run with TYPEDALG_ACCEPT_BASELINES=1.");
        }
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
                return i + 1;
        }

        return Math.Min(a.Length, b.Length) + 1;
    }
}
