using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TypedAlg.Analyzers.Tests.Rules;

/// <summary>
/// TA0063 over the generator's real output for a project that references TypedAlg.Managed (the KernelThenManaged
/// baselines, whose constructors take a BackendPolicy), with the project properties passed as MSBuild passes them.
/// </summary>
public sealed class TA0063Tests
{
    private static readonly (string ClassName, string Path, string Text)[] ManagedCapable =
        Directory.GetFiles(Repository.PathOf("tests", "TypedAlg.Generator.Tests", "Baselines", "KernelThenManaged"), "*.g.cs.txt")
            .Select(f => (Path.GetFileNameWithoutExtension(f).Split('.')[^3], "/0/" + Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))
            .ToArray();

    private const string Uses = """
        using TypedAlg.Runtime;
        class C
        {
            void M(byte[] data, BackendPolicy chosen)
            {
                using var gcm = {|#0:new GcmAes(GcmAes.Key256.Random())|};
                using var kernel = new GcmAes(GcmAes.Key256.Random(), BackendPolicy.Kernel);
                using var managed = new GcmAes(GcmAes.Key256.Random(), {|#1:BackendPolicy.Managed|});
                using var fallback = new Sha256({|#2:BackendPolicy.KernelThenManaged|});
                using var unknown = new Sha256({|#3:chosen|});
                var digest = {|#4:Sha256.Hash(data)|};
                using var fromKeyring = {|#5:GcmAes.FromKeyring(42)|};
            }
        }
        """;

    private static Task AnalyzeAsync(string source, string config, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<BackendFallbackAnalyzer, DefaultVerifier> { ReferenceAssemblies = TestSetup.NoPackages };
        test.TestState.Sources.Add(("/0/Test0.cs", TestSetup.Usings + source));
        foreach (var (className, path, text) in ManagedCapable.Where(g => Regex.IsMatch(source, $@"\b{g.ClassName}\b")))
            test.TestState.Sources.Add((path, text));
        test.TestState.AdditionalReferences.AddRange(TestSetup.References);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(TypedAlg.Managed.ManagedBackends).Assembly.Location));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + config));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task FipsProjectWithAFallbackPolicyIsRejectedAtEveryUseThatWouldFollowIt()
    {
        var config = "build_property.TypedAlgRequireFips = true\nbuild_property.TypedAlgBackend = KernelThenManaged\n";
        var diagnostics = await RunAsync(Uses, config);
        Assert.Equal([0, 1, 2, 3, 4, 5], diagnostics.Select(Marker).Order());
        Assert.Contains("TypedAlgBackend KernelThenManaged in a project that sets TypedAlgRequireFips", diagnostics.Single(d => Marker(d) == 0).GetMessage());
        Assert.Contains("Pass BackendPolicy.Kernel", diagnostics.Single(d => Marker(d) == 1).GetMessage());
        Assert.Contains("a keyring instance never falls back", diagnostics.Single(d => Marker(d) == 5).GetMessage());
    }

    [Fact]
    public async Task FipsProjectWithTheDefaultPolicyRejectsOnlyFallbackArguments()
    {
        var diagnostics = await RunAsync(Uses, "build_property.TypedAlgRequireFips = true\n");
        Assert.Equal([1, 2, 3], diagnostics.Select(Marker).Order());
    }

    [Fact]
    public async Task KeyringInstancesInAFallbackProjectAreRejectedWithTheWayOut()
    {
        var diagnostics = await RunAsync(Uses, "build_property.TypedAlgBackend = KernelThenManaged\n");
        var keyring = Assert.Single(diagnostics);
        Assert.Equal(5, Marker(keyring));
        Assert.Contains("new GcmAes(key, BackendPolicy.KernelThenManaged)", keyring.GetMessage());
    }

    [Fact]
    public async Task NothingWithoutEitherSetting()
        => Assert.Empty(await RunAsync(Uses, "build_property.TypedAlgBackend = Kernel\n"));

    [Fact]
    public Task ReportsAtTheExpectedSpans() => AnalyzeAsync(Uses, "build_property.TypedAlgBackend = Managed\n",
        new DiagnosticResult("TA0063", DiagnosticSeverity.Error).WithLocation(5).WithMessage(
            "'GcmAes' is created from a keyring key, which never leaves the kernel, in a project whose TypedAlgBackend is Managed: a keyring instance never falls back. " +
            "Keep TypedAlgBackend Kernel and choose the fallback per instance where it is allowed, e.g. new GcmAes(key, BackendPolicy.KernelThenManaged)"));

    // The markup's locations, recovered from the span text, so the tests can compare sets of markers.
    private static readonly string[] MarkerTexts =
    [
        "new GcmAes(GcmAes.Key256.Random())", "BackendPolicy.Managed", "BackendPolicy.KernelThenManaged", "chosen", "Sha256.Hash(data)", "GcmAes.FromKeyring(42)",
    ];

    private static int Marker(Diagnostic d) => Array.IndexOf(MarkerTexts, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));

    private static async Task<IReadOnlyList<Diagnostic>> RunAsync(string source, string config)
    {
        var plain = Regex.Replace(source, @"\{\|#\d+:(.*?)\|\}", "$1");
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("T",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(TestSetup.Usings + plain, path: "/0/Test0.cs") }
                .Concat(ManagedCapable.Where(g => Regex.IsMatch(plain, $@"\b{g.ClassName}\b")).Select(g => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(g.Text, path: g.Path))),
            [.. TestSetup.References, MetadataReference.CreateFromFile(typeof(TypedAlg.Managed.ManagedBackends).Assembly.Location)],
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([], new GlobalConfig(config));
        var analyzed = compilation.WithAnalyzers([new BackendFallbackAnalyzer()], options);
        return await analyzed.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
    }

    private sealed class GlobalConfig(string text) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim()));

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _global;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _global;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _global;

        private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
                => values.TryGetValue(key, out value);
        }
    }
}
