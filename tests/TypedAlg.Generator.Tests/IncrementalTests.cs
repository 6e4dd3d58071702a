using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedAlg.Generator.Model;
using Xunit;

namespace TypedAlg.Generator.Tests;

/// <summary>The pipeline caches: unchanged inputs do no work and one edited entry regenerates one class.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] TrackedSteps =
        { TrackingNames.ManifestFiles, TrackingNames.ParsedManifest, TrackingNames.Algorithms, TrackingNames.Diagnostics };

    [Fact]
    public void SecondRunWithSameInputsIsAllCachedOrUnchanged()
    {
        var (driver, compilation) = FirstRun(out _);
        GeneratorRunner.AssertSecondRunIsCached(driver, compilation);
    }

    [Fact]
    public void EditingUnrelatedCSharpDoesNotReparseTheManifest()
    {
        var (driver, compilation) = FirstRun(out _);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { int X => 1; }", GeneratorRunner.ParseOptions, cancellationToken: TestContext.Current.CancellationToken));
        var second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.ParsedManifest, IncrementalStepRunReason.Cached);
        AssertAllOutputs(second, TrackingNames.Algorithms, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EditingOneEntryRegeneratesOnlyThatClass()
    {
        var (driver, compilation) = FirstRun(out var manifest, out var text);
        // Sha384 gets another description; every other entry is unchanged (even entries below it).
        var changed = manifest.Replace("\"SHA-384 (FIPS 180-4).\"", "\"SHA-384, edited.\"");
        Assert.NotEqual(manifest, changed);
        driver = driver.ReplaceAdditionalText(text, new InMemoryAdditionalText("/src/algorithms.json", changed));
        var second = driver.RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.ParsedManifest, IncrementalStepRunReason.Modified);
        var algorithms = second.TrackedSteps[TrackingNames.Algorithms].SelectMany(s => s.Outputs).ToList();
        var modified = algorithms.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => ((AlgorithmSpec)o.Value).ClassName).ToList();
        Assert.Equal(new[] { "Sha384" }, modified);
        Assert.All(algorithms.Where(o => ((AlgorithmSpec)o.Value).ClassName != "Sha384"),
            o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));

        var regenerated = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .Where(o => o.Reason != IncrementalStepRunReason.Cached).ToList();
        Assert.Single(regenerated);
    }

    /// <summary>
    /// Walks every object the pipeline produced (the values of each tracked step after the input step), field by
    /// field, so a symbol hidden behind an object- or interface-typed field is found too.
    /// </summary>
    [Fact]
    public void ModelsHoldNoRoslynSymbolsSyntaxOrCompilations()
    {
        var (driver, _) = FirstRun(out _);
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        var produced = new[] { TrackingNames.ParsedManifest, TrackingNames.Algorithms, TrackingNames.Diagnostics }
            .SelectMany(step => steps[step]).SelectMany(run => run.Outputs).Select(o => o.Value).ToList();
        Assert.Contains(produced, v => v is AlgorithmSpec);
        Assert.Contains(produced, v => v is DiagnosticInfo);

        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var value in produced)
            AssertHoldsNoRoslynObjects(value, value.GetType().Name, visited);
    }

    private static readonly Type[] Forbidden =
        { typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(AdditionalText), typeof(Location), typeof(SemanticModel) };

    private static void AssertHoldsNoRoslynObjects(object? value, string path, HashSet<object> visited)
    {
        if (value is null or string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
            return;
        Assert.False(Forbidden.Any(f => f.IsInstanceOfType(value)), $"{path} holds a {value.GetType()}");
        if (value is Array array)
        {
            for (var i = 0; i < array.Length; i++)
                AssertHoldsNoRoslynObjects(array.GetValue(i), $"{path}[{i}]", visited);
            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertHoldsNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", visited);
    }

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(out string manifest)
        => FirstRun(out manifest, out _);

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(out string manifest, out AdditionalText text)
    {
        // The default manifest plus one entry with a warning, so the diagnostics step has output too.
        manifest = GeneratorRunner.DefaultManifestText().Replace(
            "\"algorithms\": [",
            "\"algorithms\": [\n    { \"class\": \"LegacyMd4\", \"kernelName\": \"md4\", \"type\": \"hash\", \"digestSize\": 16 },");
        var compilation = GeneratorRunner.CreateCompilation("class Empty { }");
        text = new InMemoryAdditionalText("/src/algorithms.json", manifest);
        var driver = GeneratorRunner.CreateDriver(text);
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        Assert.NotEmpty(driver.GetRunResult().GeneratedTrees);
        return (driver, compilation);
    }

    private static void AssertAllOutputs(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} did not run");
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
    }
}
