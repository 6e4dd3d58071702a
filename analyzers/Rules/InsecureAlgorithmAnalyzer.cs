namespace TypedAlg.Analyzers;

/// <summary>
/// TA0030: a class whose [KernelAlgorithm] has an InsecureReason is instantiated or its static one-shots are called.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureAlgorithmAnalyzer : TypedAlgAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.InsecureAlgorithm);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations) =>
        AlgorithmUses.Register(context, annotations, (c, algorithm) =>
        {
            if (algorithm.InsecureReason is { Length: > 0 } reason)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.InsecureAlgorithm, c.Operation.Syntax.GetLocation(),
                    algorithm.Type.Name, algorithm.Name, reason));
            }
        });
}
