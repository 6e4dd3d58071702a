using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TypedAlg.Analyzers.Tests;

/// <summary>Offline test set-up (shared/notes/dotnet-toolchain.md): .NET 10 reference assemblies from Basic.Reference.Assemblies.</summary>
internal static class TestSetup
{
    public static readonly ReferenceAssemblies NoPackages = new("net10.0");

    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TypedAlg.Annotations.CryptoMaterialAttribute).Assembly.Location),
    ];

    public const string Usings = """
        using System;
        using System.Linq;
        using System.Security.Cryptography;
        using System.Text;
        using TypedAlg;

        """;

    /// <summary>
    /// The generator's real output: the golden files of the repository's algorithms.json (Default) and of the edge-case
    /// manifest (EdgeCases), which the generator tests (BaselineTests) hold byte for byte to what the generator emits.
    /// </summary>
    public static readonly ImmutableArray<(string Path, string Text, string ClassName)> GeneratedSources =
    [
        .. from folder in new[] { "Default", "EdgeCases" }
           from file in Directory.GetFiles(Repository.PathOf("tests", "TypedAlg.Generator.Tests", "Baselines", folder), "*.g.cs.txt")
           let hintName = Path.GetFileNameWithoutExtension(file) // algorithms.json.TypedAlg.GcmAes.g.cs
           orderby hintName
           select ("/0/" + hintName, File.ReadAllText(file), hintName.Split('.')[^3]),
    ];

    /// <summary>The generated classes a test source names (compiling all of them for every test would only cost time).</summary>
    public static IEnumerable<(string Path, string Text)> GeneratedFor(string source) =>
        GeneratedSources.Where(g => Regex.IsMatch(source, $@"\b{g.ClassName}\b")).Select(g => (g.Path, g.Text));

    public static void Configure(SolutionState state, string source)
    {
        state.Sources.Add(("/0/Test0.cs", Usings + source));
        foreach (var generated in GeneratedFor(source))
        {
            state.Sources.Add(generated);
        }

        state.AdditionalReferences.AddRange(References);
    }
}

/// <summary>Runs one analyzer over a test source (markup: {|TA0001:span|}) plus the generated classes.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Warning);

    public static Task AnalyzeAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { ReferenceAssemblies = TestSetup.NoPackages };
        TestSetup.Configure(test.TestState, source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }
}

/// <summary>Runs an analyzer and its code fix; fix-all (document, project, solution) is checked by the framework.</summary>
internal static class VerifyFix<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task FixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { ReferenceAssemblies = TestSetup.NoPackages };
        TestSetup.Configure(test.TestState, source);
        TestSetup.Configure(test.FixedState, fixedSource);
        test.FixedState.MarkupHandling = MarkupMode.Allow; // markup in the fixed code = diagnostics that remain
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }
}
