namespace TypedAlg.Analyzers;

/// <summary>TA0010: constant data flows into a parameter whose role is Key.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardCodedKeyAnalyzer : ArgumentRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.HardCodedKey);

    internal override void Analyze(OperationAnalysisContext context, IArgumentOperation argument, ParameterInfo info,
        IMethodSymbol method, Annotations annotations)
    {
        // A key value type passed on (new GcmAes(key)) was checked where it was created.
        if (info.Material == Material.Key && !IsRoleValue(argument, annotations) && ConstantData.IsConstant(argument.Value, annotations))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.HardCodedKey, argument.Value.Syntax.GetLocation(),
                OperationHelpers.Display(method)));
        }
    }

    private static bool IsRoleValue(IArgumentOperation argument, Annotations annotations)
    {
        var value = OperationHelpers.Unwrap(argument.Value);
        return annotations.GetTypeRole(value.Type) != Materials.None &&
               value is not (IDefaultValueOperation or IObjectCreationOperation);
    }
}
