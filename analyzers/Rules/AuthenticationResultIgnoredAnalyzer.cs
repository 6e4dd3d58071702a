using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedAlg.Analyzers;

/// <summary>
/// TA0021: the bool result of an [AuthenticationResult] method (TryDecrypt, Verify) is discarded, or an
/// AuthenticationTagMismatchException is caught and swallowed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AuthenticationResultIgnoredAnalyzer : TypedAlgAnalyzer
{
    /// <summary>Diagnostic property for the code fix: "check" when the statement can be wrapped in an if.</summary>
    public const string FixProperty = "TA0021.Fix";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AuthenticationResultIgnored);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations)
    {
        context.RegisterOperationAction(c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!annotations.IsAuthenticationResult(invocation.TargetMethod))
            {
                return;
            }

            var parent = OperationHelpers.ParentSkippingConversions(invocation, out var child);
            var discarded = parent is IExpressionStatementOperation ||
                            parent is ISimpleAssignmentOperation { Target: IDiscardOperation } assignment && assignment.Value == child;
            if (discarded)
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperty, "check");
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.AuthenticationResultIgnored, invocation.Syntax.GetLocation(), properties,
                    $"The result of '{OperationHelpers.Display(invocation.TargetMethod)}' is discarded; 'false' means the data is forged or corrupted"));
            }
        }, OperationKind.Invocation);

        if (annotations.AuthenticationTagMismatchException is not { } tagMismatch)
        {
            return;
        }

        context.RegisterOperationAction(c =>
        {
            var clause = (ICatchClauseOperation)c.Operation;
            if (!DerivesFrom(clause.ExceptionType, tagMismatch) || Handles(clause.Handler))
            {
                return;
            }

            var location = clause.Syntax is CatchClauseSyntax { Declaration.Type: { } type } ? type.GetLocation() : clause.Syntax.GetLocation();
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.AuthenticationResultIgnored, location,
                "AuthenticationTagMismatchException is caught and swallowed; forged or corrupted data goes on as if it were authentic"));
        }, OperationKind.CatchClause);
    }

    private static bool DerivesFrom(ITypeSymbol? type, ITypeSymbol expected)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A handler that throws, returns, jumps or records the failure (an assignment) handles it.</summary>
    private static bool Handles(IBlockOperation handler)
    {
        foreach (var operation in handler.Descendants())
        {
            switch (operation)
            {
                case IThrowOperation:
                case IReturnOperation:
                case IBranchOperation:
                case IAssignmentOperation { Target: not IDiscardOperation }:
                    return true;
            }
        }

        return false;
    }
}
