namespace TypedAlg.Analyzers;

/// <summary>TA0014: a constant DRBG personalization string.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConstantPersonalizationAnalyzer : ArgumentRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ConstantPersonalization);

    internal override void Analyze(OperationAnalysisContext context, IArgumentOperation argument, ParameterInfo info,
        IMethodSymbol method, Annotations annotations)
    {
        if (info.Material == Material.Personalization && ConstantData.IsConstant(argument.Value, annotations))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ConstantPersonalization, argument.Value.Syntax.GetLocation(),
                OperationHelpers.Display(method)));
        }
    }
}
