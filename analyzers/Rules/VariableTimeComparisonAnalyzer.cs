namespace TypedAlg.Analyzers;

/// <summary>
/// TA0020: a MAC, tag or digest compared with an early-exit comparison: SequenceEqual, string ==/!=/Equals of its hex
/// or Base64 form.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VariableTimeComparisonAnalyzer : TypedAlgAnalyzer
{
    /// <summary>Diagnostic property for the code fix: "SequenceEqual" when FixedTimeEquals can replace the call.</summary>
    public const string FixProperty = "TA0020.Fix";

    private const int MaxDepth = 6;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.VariableTimeComparison);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations)
    {
        context.RegisterOperationAction(c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            var method = invocation.TargetMethod;
            IOperation? left, right;
            var fix = false;
            if (method.Name == "SequenceEqual" &&
                (Is(method.ContainingType, annotations.MemoryExtensions) || Is(method.ContainingType, annotations.Enumerable)) &&
                invocation.Arguments.Length == 2)
            {
                left = invocation.Arguments[0].Value;
                right = invocation.Arguments[1].Value;
                fix = IsByteSequence(left.Type) && IsByteSequence(right.Type);
            }
            else if (method.Name == "Equals" && Is(method.ContainingType, annotations.String))
            {
                (left, right) = invocation.Instance is { } instance && invocation.Arguments.Length >= 1
                    ? (instance, invocation.Arguments[0].Value)
                    : invocation.Arguments.Length >= 2 ? (invocation.Arguments[0].Value, invocation.Arguments[1].Value) : (null, null);
            }
            else
            {
                return;
            }

            if (left is not null && right is not null && (Authenticator(left, annotations, 0) ?? Authenticator(right, annotations, 0)) is { } material)
            {
                var properties = fix ? ImmutableDictionary<string, string?>.Empty.Add(FixProperty, "SequenceEqual") : null;
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.VariableTimeComparison, invocation.Syntax.GetLocation(), properties,
                    material.Describe()));
            }
        }, OperationKind.Invocation);

        context.RegisterOperationAction(c =>
        {
            var binary = (IBinaryOperation)c.Operation;
            if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals) ||
                binary.LeftOperand.Type?.SpecialType != SpecialType.System_String)
            {
                return;
            }

            if ((Authenticator(binary.LeftOperand, annotations, 0) ?? Authenticator(binary.RightOperand, annotations, 0)) is { } material)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.VariableTimeComparison, binary.Syntax.GetLocation(), material.Describe()));
            }
        }, OperationKind.Binary);
    }

    private static bool Is(ITypeSymbol? type, ITypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

    private static bool IsByteSequence(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } => true,
        INamedTypeSymbol { IsGenericType: true, TypeArguments: [{ SpecialType: SpecialType.System_Byte }] } named =>
            named.OriginalDefinition.ToDisplayString() is "System.ReadOnlySpan<T>" or "System.Span<T>",
        _ => false,
    };

    /// <summary>The authenticator role (MAC, tag, digest) the compared bytes or string come from, if any.</summary>
    internal static Material? Authenticator(IOperation operation, Annotations annotations, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        operation = OperationHelpers.Unwrap(operation);
        var role = annotations.GetTypeRole(operation.Type);
        if (role.IsAuthenticator())
        {
            return role;
        }

        switch (operation)
        {
            case IInvocationOperation invocation:
                var returned = annotations.GetReturnRole(invocation.TargetMethod);
                if (returned.IsAuthenticator())
                {
                    return returned;
                }

                // mac.AsSpan(), mac.ToArray(), mac.ToHex(), Convert.ToHexString(mac.AsSpan()), bytes.Slice(...)
                var name = invocation.TargetMethod.Name;
                if (name is "AsSpan" or "AsMemory" or "ToArray" or "Slice" or "ToString" || name.StartsWith("ToHex", System.StringComparison.Ordinal) ||
                    name.StartsWith("ToBase64", System.StringComparison.Ordinal) || name is "ToLower" or "ToUpper" or "ToLowerInvariant" or "ToUpperInvariant")
                {
                    var source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    return source is null ? null : Authenticator(source, annotations, depth + 1);
                }

                return null;
            case IPropertyReferenceOperation property:
                var memberRole = annotations.GetMemberRole(property.Property);
                return memberRole.IsAuthenticator() ? memberRole : null;
            case IFieldReferenceOperation field:
                var fieldRole = annotations.GetMemberRole(field.Field);
                return fieldRole.IsAuthenticator() ? fieldRole : null;
            case IImplicitIndexerReferenceOperation indexer:
                return Authenticator(indexer.Instance, annotations, depth + 1);
            case IParameterReferenceOperation parameter:
                var parameterRole = annotations.GetParameter(parameter.Parameter).Material;
                return parameterRole.IsAuthenticator() ? parameterRole : null;
            case ILocalReferenceOperation local:
                // A buffer some annotated method wrote a MAC/tag/digest into: hmac.ComputeMac(data, macBuffer).
                foreach (var reference in OperationHelpers.References(local.Local, local))
                {
                    var parent = OperationHelpers.ParentSkippingConversions(reference, out _);
                    if (parent is IInvocationOperation { TargetMethod.Name: "AsSpan" } view)
                    {
                        parent = OperationHelpers.ParentSkippingConversions(view, out _);
                    }

                    if (parent is IArgumentOperation { Parameter: { } p } && annotations.GetParameter(p).Material is var written &&
                        written.IsAuthenticator())
                    {
                        return written;
                    }
                }

                return OperationHelpers.SingleDefinition(local.Local, local) is { } definition
                    ? Authenticator(definition, annotations, depth + 1)
                    : null;
            default:
                return null;
        }
    }
}
