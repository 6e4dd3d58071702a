namespace TypedAlg.Analyzers;

/// <summary>TA0013: System.Random, Random.Shared or Guid bytes flow into a key, IV or nonce.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PredictableRandomAnalyzer : ArgumentRule
{
    private const int MaxDepth = 6;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PredictableRandom);

    internal override void Analyze(OperationAnalysisContext context, IArgumentOperation argument, ParameterInfo info,
        IMethodSymbol method, Annotations annotations)
    {
        if (info.Material.IsSecretOrUnique() && Source(argument.Value, annotations, 0) is { } source)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.PredictableRandom, argument.Value.Syntax.GetLocation(),
                info.Material.Describe(), OperationHelpers.Display(method), source));
        }
    }

    private static string? Source(IOperation operation, Annotations annotations, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        operation = OperationHelpers.Unwrap(operation);
        switch (operation)
        {
            case IInvocationOperation invocation:
                if (Predictable(invocation.TargetMethod, annotations) is { } direct)
                {
                    return direct;
                }

                var receiver = invocation.Instance ??
                    (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                return invocation.TargetMethod.Name is "AsSpan" or "AsMemory" or "Slice" or "ToArray" && receiver is not null
                    ? Source(receiver, annotations, depth + 1)
                    : null;
            case IImplicitIndexerReferenceOperation indexer:
                return Source(indexer.Instance, annotations, depth + 1);
            case IArrayCreationOperation { Initializer: { } init }:
                foreach (var element in init.ElementValues)
                {
                    if (Source(element, annotations, depth + 1) is { } s)
                    {
                        return s;
                    }
                }

                return null;
            case ILocalReferenceOperation local:
                foreach (var reference in OperationHelpers.References(local.Local, local))
                {
                    // rng.NextBytes(buffer), guid.TryWriteBytes(buffer)
                    var parent = OperationHelpers.ParentSkippingConversions(reference, out _);
                    if (parent is IArgumentOperation { Parent: IInvocationOperation filler } &&
                        Predictable(filler.TargetMethod, annotations) is { } filled)
                    {
                        return filled;
                    }

                    if (parent is IInvocationOperation { TargetMethod.Name: "AsSpan" } view &&
                        OperationHelpers.ParentSkippingConversions(view, out _) is IArgumentOperation { Parent: IInvocationOperation viewFiller } &&
                        Predictable(viewFiller.TargetMethod, annotations) is { } viewFilled)
                    {
                        return viewFilled;
                    }
                }

                return OperationHelpers.SingleDefinition(local.Local, local) is { } definition
                    ? Source(definition, annotations, depth + 1)
                    : null;
            default:
                return null;
        }
    }

    private static string? Predictable(IMethodSymbol method, Annotations annotations)
    {
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, annotations.Random))
            {
                return "System.Random";
            }
        }

        return SymbolEqualityComparer.Default.Equals(method.ContainingType, annotations.Guid) &&
               method.Name is "ToByteArray" or "TryWriteBytes"
            ? "a Guid"
            : null;
    }
}
