namespace TypedAlg.Analyzers;

/// <summary>
/// TA0031: an AEAD tag shorter than 12 bytes or a MAC shorter than 16: a constant-length argument to a Tag/Mac
/// parameter (that [ByteLength] allows, lengths and Minimum — otherwise TA0001 reports it), or a constant slice of a tag/MAC value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TruncatedTagAnalyzer : TypedAlgAnalyzer
{
    /// <summary>Diagnostic property for the code fix: "slice" when removing the slice gives the full-length value.</summary>
    public const string FixProperty = "TA0031.Fix";

    internal const int MinimumTag = 12;
    internal const int MinimumMac = 16;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.TruncatedTag);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations)
    {
        context.RegisterOperationAction(c =>
        {
            var argument = (IArgumentOperation)c.Operation;
            if (argument.Parameter is not { } parameter || !annotations.IsTypedAlgType(parameter.ContainingType))
            {
                return;
            }

            var info = annotations.GetParameter(parameter);
            var value = OperationHelpers.Unwrap(argument.Value);
            if (info.Material is not (Material.Tag or Material.Mac) ||
                IsSlice(value) && Receiver(value) is { } sliced && VariableTimeComparisonAnalyzer.Authenticator(sliced, annotations, 0) is not null)
            {
                return; // a slice of a tag/MAC value is reported once, by the slice check below
            }

            if (ConstantData.Length(argument.Value, annotations) is { } length && length < Minimum(info.Material) &&
                (info.AllowedLengths is not { } allowed || allowed.Contains(length)) && length >= info.MinimumLength)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.TruncatedTag, argument.Value.Syntax.GetLocation(),
                    info.Material.Describe(), length, Minimum(info.Material)));
            }
        }, OperationKind.Argument);

        context.RegisterOperationAction(c =>
        {
            var operation = c.Operation;
            if (!IsSlice(operation) || Receiver(operation) is not { } receiver)
            {
                return;
            }

            var role = VariableTimeComparisonAnalyzer.Authenticator(receiver, annotations, 0);
            if (role is not (Material.Tag or Material.Mac) || ConstantData.Length(operation, annotations) is not { } length ||
                length >= Minimum(role.Value))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperty, "slice");
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.TruncatedTag, operation.Syntax.GetLocation(), properties,
                role.Value.Describe(), length, Minimum(role.Value)));
        }, OperationKind.Invocation, OperationKind.ImplicitIndexerReference);
    }

    private static int Minimum(Material material) => material == Material.Tag ? MinimumTag : MinimumMac;

    private static bool IsSlice(IOperation operation) => operation switch
    {
        IInvocationOperation { TargetMethod.Name: "Slice" } => true,
        IInvocationOperation { TargetMethod.Name: "AsSpan" or "AsMemory" } invocation => invocation.Arguments.Length > (invocation.Instance is null ? 1 : 0),
        IImplicitIndexerReferenceOperation { Argument: IRangeOperation } => true,
        _ => false,
    };

    private static IOperation? Receiver(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null),
        IImplicitIndexerReferenceOperation indexer => indexer.Instance,
        _ => null,
    };
}
