using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TypedAlg.Analyzers;

/// <summary>TA0040: Encoding.*.GetBytes(string) of a non-constant string flows into a key.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PasswordAsKeyAnalyzer : ArgumentRule
{
    private const int MaxDepth = 6;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PasswordAsKey);

    internal override void Analyze(OperationAnalysisContext context, IArgumentOperation argument, ParameterInfo info,
        IMethodSymbol method, Annotations annotations)
    {
        if (info.Material == Material.Key && IsEncodedString(argument.Value, annotations, 0))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.PasswordAsKey, argument.Value.Syntax.GetLocation(),
                OperationHelpers.Display(method)));
        }
    }

    private static bool IsEncodedString(IOperation operation, Annotations annotations, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        operation = OperationHelpers.Unwrap(operation);
        switch (operation)
        {
            case IInvocationOperation { TargetMethod.Name: "GetBytes", Arguments.Length: 1 } getBytes when IsEncoding(getBytes.TargetMethod.ContainingType, annotations):
                var text = getBytes.Arguments[0].Value;
                // A literal is TA0010's business (hard-coded key); here: a runtime string such as a password.
                return !text.ConstantValue.HasValue && OperationHelpers.Unwrap(text).Type?.SpecialType == SpecialType.System_String;
            case IInvocationOperation { TargetMethod.Name: "AsSpan" or "AsMemory" or "Slice" or "ToArray" } view:
                var receiver = view.Instance ?? (view.TargetMethod.IsExtensionMethod && view.Arguments.Length > 0 ? view.Arguments[0].Value : null);
                return receiver is not null && IsEncodedString(receiver, annotations, depth + 1);
            case IImplicitIndexerReferenceOperation indexer:
                return IsEncodedString(indexer.Instance, annotations, depth + 1);
            case ILocalReferenceOperation local:
                return OperationHelpers.SingleDefinition(local.Local, local) is { } definition &&
                       IsEncodedString(definition, annotations, depth + 1);
            default:
                return false;
        }
    }

    private static bool IsEncoding(ITypeSymbol? type, Annotations annotations)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, annotations.Encoding))
            {
                return true;
            }
        }

        return false;
    }
}
