namespace TypedAlg.Analyzers;

/// <summary>
/// TA0012: the same nonce/IV variable is used for two encryptions on one instance with no write to it in between
/// (including the next iteration of a loop). Encryption methods are those named Encrypt* or Seal that take a
/// Nonce/IV role parameter (contracts.md section 2).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NonceReuseAnalyzer : TypedAlgAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.NonceReuse);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations) =>
        context.RegisterOperationAction(c =>
        {
            // Cheap per call; the method body is only walked when the call is an encryption with a named nonce.
            var invocation = (IInvocationOperation)c.Operation;
            if (AsEncryption(invocation, annotations) is { } current)
            {
                Analyze(c, current, annotations);
            }
        }, OperationKind.Invocation);

    private static Encryption? AsEncryption(IInvocationOperation invocation, Annotations annotations)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic || !(method.Name.StartsWith("Encrypt", System.StringComparison.Ordinal) || method.Name == "Seal") ||
            invocation.Instance is null || !annotations.IsTypedAlgType(method.ContainingType) ||
            OperationHelpers.ReferencedSymbol(invocation.Instance) is not { } instance)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } p && annotations.GetParameter(p).Material is Material.Nonce or Material.Iv &&
                OperationHelpers.ReferencedSymbol(argument.Value) is { } nonce && nonce is not ITypeSymbol)
            {
                return new Encryption(invocation, instance, nonce, argument.Value);
            }
        }

        return null;
    }

    /// <summary>Reports the current encryption when an earlier one (or the previous loop iteration) used the same nonce.</summary>
    private static void Analyze(OperationAnalysisContext context, Encryption current, Annotations annotations)
    {
        var encryptions = new List<Encryption>();
        var writes = new List<IOperation>();
        foreach (var operation in OperationHelpers.Root(current.Invocation).Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation invocation when invocation != current.Invocation &&
                                                         invocation.Syntax.SpanStart < current.Invocation.Syntax.SpanStart:
                    if (AsEncryption(invocation, annotations) is { } other && Same(other.Instance, current.Instance) && Same(other.Nonce, current.Nonce))
                    {
                        encryptions.Add(other);
                    }

                    break;
                case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation:
                    if (OperationHelpers.ReferencedSymbol(operation) is { } symbol && Same(symbol, current.Nonce) &&
                        OperationHelpers.IsVariableWrite(operation))
                    {
                        writes.Add(operation);
                    }

                    break;
            }
        }

        // The nearest earlier encryption with no write to the nonce in between.
        var previous = encryptions.OrderByDescending(e => e.Invocation.Syntax.SpanStart).FirstOrDefault();
        if (previous is not null)
        {
            var from = previous.Invocation.Syntax.Span.End;
            var to = current.Invocation.Syntax.SpanStart;
            if (!ExclusiveBranches(previous.Invocation, current.Invocation) &&
                !writes.Any(w => w.Syntax.SpanStart >= from && w.Syntax.SpanStart < to))
            {
                Report(context, current);
                return;
            }
        }

        // The next iteration of a loop encrypts again with the nonce unless the loop writes it.
        if (EnclosingLoop(current.Invocation) is { } loop && DeclaredOutside(current.Nonce, loop) && DeclaredOutside(current.Instance, loop) &&
            !writes.Any(w => loop.Syntax.Span.Contains(w.Syntax.Span)))
        {
            Report(context, current);
        }
    }

    private static void Report(OperationAnalysisContext context, Encryption encryption) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.NonceReuse, encryption.NonceOperation.Syntax.GetLocation(),
            encryption.Nonce.Name, encryption.Instance.Name));

    private static bool Same(ISymbol a, ISymbol b) => SymbolEqualityComparer.Default.Equals(a, b);

    private static ILoopOperation? EnclosingLoop(IOperation operation)
    {
        for (var o = operation.Parent; o is not null; o = o.Parent)
        {
            switch (o)
            {
                case ILoopOperation loop:
                    return loop;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    private static bool DeclaredOutside(ISymbol symbol, ILoopOperation loop) =>
        symbol is not ILocalSymbol local ||
        local.DeclaringSyntaxReferences.All(r => r.SyntaxTree != loop.Syntax.SyntaxTree || !loop.Syntax.Span.Contains(r.Span));

    /// <summary>True when the two operations sit in different arms of an if/else, ?:, switch or try/catch.</summary>
    private static bool ExclusiveBranches(IOperation a, IOperation b)
    {
        var ancestorsOfA = new List<IOperation>();
        for (var o = a; o is not null; o = o.Parent)
        {
            ancestorsOfA.Add(o);
        }

        var childOfB = (IOperation?)b;
        for (var o = b.Parent; o is not null; childOfB = o, o = o.Parent)
        {
            var index = ancestorsOfA.IndexOf(o);
            if (index <= 0)
            {
                continue;
            }

            var childOfA = ancestorsOfA[index - 1];
            return o switch
            {
                IConditionalOperation conditional => childOfA != conditional.Condition && childOfB != conditional.Condition,
                ISwitchOperation or ISwitchExpressionOperation or ITryOperation => true,
                _ => false,
            };
        }

        return false;
    }

    private sealed class Encryption
    {
        public Encryption(IInvocationOperation invocation, ISymbol instance, ISymbol nonce, IOperation nonceOperation)
        {
            Invocation = invocation;
            Instance = instance;
            Nonce = nonce;
            NonceOperation = nonceOperation;
        }

        public IInvocationOperation Invocation { get; }
        public ISymbol Instance { get; }
        public ISymbol Nonce { get; }
        public IOperation NonceOperation { get; }
    }
}
