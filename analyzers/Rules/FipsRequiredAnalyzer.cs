namespace TypedAlg.Analyzers;

/// <summary>
/// TA0060: in a project that sets the MSBuild property <c>TypedAlgRequireFips</c> to true, a class whose
/// [KernelAlgorithm] is not FipsApproved is instantiated or its static methods are called. A kernel booted with
/// fips=1 refuses such an algorithm at bind, so the code would fail on exactly the machines the project targets.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FipsRequiredAnalyzer : TypedAlgAnalyzer
{
    /// <summary>The compiler-visible MSBuild property (buildTransitive/TypedAlg.props declares it visible).</summary>
    internal const string RequireFipsProperty = "build_property.TypedAlgRequireFips";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.FipsRequired);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations)
    {
        // Project-wide opt-in: without the property (or with anything but "true") the rule registers nothing.
        if (!context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(RequireFipsProperty, out var value) ||
            !bool.TryParse(value.Trim(), out var required) || !required)
        {
            return;
        }

        AlgorithmUses.Register(context, annotations, (c, algorithm) =>
        {
            if (!algorithm.FipsApproved)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.FipsRequired, c.Operation.Syntax.GetLocation(),
                    algorithm.Type.Name, algorithm.Name));
            }
        });
    }
}
