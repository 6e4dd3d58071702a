using System.Collections.Immutable;
using System.Reflection;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace TypedAlg.Generator.Tests;

/// <summary>An AdditionalText held in memory.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Runs the generator the way the compiler does, and finds repository files.</summary>
internal static class GeneratorRunner
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>net10.0 reference assemblies plus the runtime (TypedAlg.Runtime with the annotations).</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(TypedAlg.Annotations.KernelAlgorithmAttribute).Assembly.Location))
            .ToImmutableArray();

    /// <summary>The repository root, recorded at build time (Directory.Build.props' RepositoryRoot).</summary>
    public static string RepositoryRoot() =>
        typeof(GeneratorRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static string TestProjectDirectory() => Path.Combine(RepositoryRoot(), "tests", "TypedAlg.Generator.Tests");

    public static string DefaultManifestText() => File.ReadAllText(Path.Combine(RepositoryRoot(), "algorithms.json"));

    public static CSharpCompilation CreateCompilation(params string[] sources)
        => CSharpCompilation.Create(
            "Consumer",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(params AdditionalText[] manifests)
        => CSharpGeneratorDriver.Create(
            new[] { new AlgorithmGenerator().AsSourceGenerator() },
            manifests,
            ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs the generator over a manifest and a trivial compilation, then runs it again over the same inputs and
    /// asserts that the second run did no work (as NetEscapades.EnumGenerators' TestHelpers do for every test).
    /// </summary>
    public static GeneratorDriverRunResult Run(string manifestText, string path = "/src/algorithms.json")
    {
        var compilation = CreateCompilation("class Empty { }");
        var driver = CreateDriver(new InMemoryAdditionalText(path, manifestText)).RunGenerators(compilation, TestContext.Current.CancellationToken);
        AssertSecondRunIsCached(driver, compilation);
        return driver.GetRunResult();
    }

    /// <summary>One run only, for timing.</summary>
    public static GeneratorDriverRunResult RunOnce(string manifestText)
        => CreateDriver(new InMemoryAdditionalText("/src/algorithms.json", manifestText))
            .RunGenerators(CreateCompilation("class Empty { }"), TestContext.Current.CancellationToken).GetRunResult();

    /// <summary>
    /// Runs a driver that has run once again over the same inputs: every tracked step must be Cached or Unchanged and
    /// every output Cached, or the pipeline's models are not value-equatable.
    /// </summary>
    public static void AssertSecondRunIsCached(GeneratorDriver driver, Compilation compilation)
    {
        var second = driver.RunGenerators(compilation.Clone(), TestContext.Current.CancellationToken).GetRunResult().Results.Single();
        Assert.NotEmpty(second.TrackedSteps);
        foreach (var (step, runs) in second.TrackedSteps)
        {
            foreach (var output in runs.SelectMany(r => r.Outputs))
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {step} was {output.Reason} on a second run over the same inputs");
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }
}
