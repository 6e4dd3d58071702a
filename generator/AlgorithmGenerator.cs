using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TypedAlg.Generator.Diagnostics;
using TypedAlg.Generator.Emit;
using TypedAlg.Generator.Manifest;
using TypedAlg.Generator.Model;

namespace TypedAlg.Generator;

/// <summary>
/// Reads algorithm manifests (<c>algorithms.json</c>, <c>*.algorithms.json</c> in AdditionalFiles) and
/// emits one typed class per entry. Pipeline: manifest text -> <see cref="ManifestSpec"/> (entries and
/// diagnostics, plain values) -> one source file per <see cref="AlgorithmSpec"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AlgorithmGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var manifests = context.AdditionalTextsProvider
            .Where(static file => IsManifest(file.Path))
            .WithTrackingName(TrackingNames.ManifestFiles)
            .Select(static (file, ct) => ManifestParser.Parse(file.Path, file.GetText(ct)?.ToString() ?? string.Empty, ct))
            .WithTrackingName(TrackingNames.ParsedManifest);

        var diagnostics = manifests
            .SelectMany(static (manifest, _) => manifest.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, diagnostic) => spc.ReportDiagnostic(diagnostic.ToDiagnostic()));

        var algorithms = manifests
            .SelectMany(static (manifest, _) => manifest.Algorithms)
            .WithTrackingName(TrackingNames.Algorithms);
        context.RegisterSourceOutput(algorithms, static (spc, spec) => AddSource(spc, spec));
    }

    /// <summary>Whether an additional file is an algorithm manifest.</summary>
    internal static bool IsManifest(string path)
    {
        var name = Path.GetFileName(path);
        return string.Equals(name, "algorithms.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".algorithms.json", StringComparison.OrdinalIgnoreCase);
    }

    private static void AddSource(SourceProductionContext context, AlgorithmSpec spec)
    {
        try
        {
            context.AddSource(spec.HintName, SourceText.From(ClassEmitter.Emit(spec), Encoding.UTF8));
        }
        catch (ArgumentException)
        {
            // Two manifests with the same file name declaring the same class: report, never crash.
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateOutput, Location.None, spec.HintName));
        }
    }
}
