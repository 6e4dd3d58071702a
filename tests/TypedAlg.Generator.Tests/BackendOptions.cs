using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace TypedAlg.Generator.Tests;

/// <summary>Global analyzer-config options (build_property.*), as the package's CompilerVisibleProperty items pass them.</summary>
internal sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}

/// <summary>Runs the generator for a project with &lt;TypedAlgBackend&gt; set and, optionally, TypedAlg.Managed referenced.</summary>
internal static class BackendRunner
{
    public static CSharpCompilationWithManaged Create(string? policy, bool managed, string consumer = "class Empty { }", string? manifest = null)
    {
        var compilation = GeneratorRunner.CreateCompilation(consumer);
        if (managed)
            compilation = compilation.AddReferences(MetadataReference.CreateFromFile(typeof(TypedAlg.Managed.ManagedBackends).Assembly.Location));
        var values = policy is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["build_property.TypedAlgBackend"] = policy };
        var driver = GeneratorRunner.CreateDriver(new InMemoryAdditionalText("/src/algorithms.json", manifest ?? GeneratorRunner.DefaultManifestText()))
            .WithUpdatedAnalyzerConfigOptions(new GlobalOptionsProvider(values));
        return new(compilation, driver);
    }
}

/// <summary>A consumer compilation and a driver configured for it.</summary>
internal sealed record CSharpCompilationWithManaged(Compilation Compilation, GeneratorDriver Driver);
