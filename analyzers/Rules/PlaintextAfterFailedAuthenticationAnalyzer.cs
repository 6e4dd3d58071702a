namespace TypedAlg.Analyzers;

/// <summary>
/// TA0022: in <c>if (!x.TryDecrypt(..., plaintext, ...)) { ... }</c> (or the else branch of <c>if (x.TryDecrypt(...))</c>),
/// the failure branch reads the plaintext buffer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PlaintextAfterFailedAuthenticationAnalyzer : TypedAlgAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PlaintextAfterFailedAuthentication);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations) =>
        context.RegisterOperationAction(c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!annotations.IsAuthenticationResult(invocation.TargetMethod))
            {
                return;
            }

            ISymbol? plaintext = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } p && annotations.GetParameter(p).Material == Material.Plaintext)
                {
                    var value = OperationHelpers.Unwrap(argument.Value);
                    if (value is IInvocationOperation { TargetMethod.Name: "AsSpan" or "AsMemory" } view &&
                        (view.Instance ?? (view.Arguments.Length > 0 ? view.Arguments[0].Value : null)) is { } viewed)
                    {
                        value = OperationHelpers.Unwrap(viewed);
                    }

                    plaintext = OperationHelpers.ReferencedSymbol(value);
                }
            }

            if (plaintext is null || plaintext is ITypeSymbol)
            {
                return;
            }

            // Find the if whose condition is this call or its negation.
            var negated = false;
            IOperation node = invocation;
            var parent = OperationHelpers.ParentSkippingConversions(node, out _);
            if (parent is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                negated = true;
                node = not;
                parent = OperationHelpers.ParentSkippingConversions(not, out _);
            }

            if (parent is not IConditionalOperation conditional || !OperationHelpers.IsInside(conditional.Condition, invocation))
            {
                return;
            }

            var failure = negated ? conditional.WhenTrue : conditional.WhenFalse;
            if (failure is null)
            {
                return;
            }

            foreach (var operation in failure.DescendantsAndSelf())
            {
                if (OperationHelpers.ReferencedSymbol(operation) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol, plaintext) &&
                    operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation &&
                    !OperationHelpers.IsVariableWrite(operation))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.PlaintextAfterFailedAuthentication, operation.Syntax.GetLocation(),
                        plaintext.Name, OperationHelpers.Display(invocation.TargetMethod)));
                    return;
                }
            }
        }, OperationKind.Invocation);
}
