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
        var second = driver.RunGenerators(compilation.Clone(), TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
            AssertAllOutputs(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
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

    [Fact]
    public void ModelsHoldNoRoslynSymbolsSyntaxOrCompilations()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(AdditionalText), typeof(Location), typeof(SemanticModel) };
        var models = typeof(AlgorithmSpec).Assembly.GetTypes().Where(t => t.Namespace == typeof(AlgorithmSpec).Namespace);
        foreach (var model in models)
        {
            foreach (var field in model.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                var type = field.FieldType;
                var inner = type.IsGenericType ? type.GetGenericArguments().Append(type) : new[] { type };
                Assert.DoesNotContain(inner, t => forbidden.Any(f => f.IsAssignableFrom(t)));
            }
        }
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
