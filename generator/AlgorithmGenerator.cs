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

        // <TypedAlgBackend> and whether TypedAlg.Managed is referenced: two plain values, so a C# edit changes neither.
        var policy = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(BackendSpec.PropertyKey, out var value) ? value : null);
        // From the references, not the compilation: a new Compilation object on every edit would mark this step
        // Modified each time, while the reference objects stay the same.
        var managedReferenced = context.MetadataReferencesProvider
            .Where(static reference => BackendSpec.IsManagedAssembly(reference.Display))
            .Collect()
            .Select(static (references, _) => !references.IsEmpty);
        var backend = policy.Combine(managedReferenced)
            .Select(static (pair, _) => BackendSpec.From(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Backend);
        context.RegisterSourceOutput(backend, static (spc, spec) => ReportBackend(spc, spec));

        var algorithms = manifests
            .SelectMany(static (manifest, _) => manifest.Algorithms)
            .WithTrackingName(TrackingNames.Algorithms);
        context.RegisterSourceOutput(algorithms.Combine(backend), static (spc, pair) => AddSource(spc, pair.Left, pair.Right));
    }

    /// <summary>Whether an additional file is an algorithm manifest.</summary>
    internal static bool IsManifest(string path)
    {
        var name = Path.GetFileName(path);
        return string.Equals(name, "algorithms.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".algorithms.json", StringComparison.OrdinalIgnoreCase);
    }

    private static void ReportBackend(SourceProductionContext context, BackendSpec spec)
    {
        if (spec.InvalidValue is not null)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidBackend, Location.None, spec.InvalidValue));
        if (spec.MissingManagedReference)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ManagedNotReferenced, Location.None, spec.Policy));
    }

    private static void AddSource(SourceProductionContext context, AlgorithmSpec spec, BackendSpec backend)
    {
        try
        {
            context.AddSource(spec.HintName, SourceText.From(ClassEmitter.Emit(spec, backend), Encoding.UTF8));
        }
        catch (ArgumentException)
        {
            // Two manifests with the same file name declaring the same class: report, never crash.
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateOutput, Location.None, spec.HintName));
        }
    }
}
