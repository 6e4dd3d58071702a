namespace TypedAlg.Analyzers;

/// <summary>
/// TA0011: constant or all-zero data flows into an IV or nonce. Error for AEAD algorithms, warning otherwise
/// (the descriptor's default is the AEAD severity; IVs are reported with an effective severity of warning).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConstantNonceAnalyzer : ArgumentRule
{
    /// <summary>Diagnostic property for the code fix: "create" replaces the enclosing Create/FromHex call, "value" the argument.</summary>
    public const string FixProperty = "TA0011.Fix";

    /// <summary>Diagnostic property: the fully qualified value type that has a static Random() factory.</summary>
    public const string TypeProperty = "TA0011.Type";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ConstantNonce);

    internal override void Analyze(OperationAnalysisContext context, IArgumentOperation argument, ParameterInfo info,
        IMethodSymbol method, Annotations annotations)
    {
        if (info.Material is not (Material.Iv or Material.Nonce))
        {
            return;
        }

        var value = OperationHelpers.Unwrap(argument.Value);
        if (annotations.GetTypeRole(value.Type) != Materials.None && value is not (IDefaultValueOperation or IObjectCreationOperation))
        {
            // A Nonce value passed on was checked where it was created (Nonce.Create), so it is not reported twice.
            return;
        }

        if (!ConstantData.IsConstant(argument.Value, annotations))
        {
            return;
        }

        var algorithm = annotations.GetAlgorithm(method.ContainingType);
        var isAead = algorithm?.IsAead ?? info.Material == Material.Nonce;
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (method.IsStatic && method.Name is "Create" or "FromHex" && HasRandom(method.ContainingType))
        {
            properties = properties.Add(FixProperty, "create").Add(TypeProperty, Qualified(method.ContainingType));
        }
        else if (HasRandom(argument.Parameter!.Type as INamedTypeSymbol))
        {
            properties = properties.Add(FixProperty, "value").Add(TypeProperty, Qualified(argument.Parameter.Type));
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ConstantNonce, argument.Value.Syntax.GetLocation(),
            isAead ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, additionalLocations: null, properties,
            info.Material.Describe(), OperationHelpers.Display(method)));
    }

    private static string Qualified(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static bool HasRandom(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var member in type.GetMembers("Random"))
        {
            if (member is IMethodSymbol { IsStatic: true, Parameters.Length: 0 } random &&
                SymbolEqualityComparer.Default.Equals(random.ReturnType, type))
            {
                return true;
            }
        }

        return false;
    }
}
