namespace TypedAlg.Analyzers;

/// <summary>
/// Where code uses a generated algorithm class: it creates one, or calls one of its static methods (one-shots such
/// as Hash and Compute, factories such as FromKeyring), each of which opens kernel sockets. Code inside the class
/// itself is not a use, and nested material types (Key256.Random()) never reach the kernel. TA0030 and TA0060 judge these.
/// </summary>
internal static class AlgorithmUses
{
    /// <summary>Calls <paramref name="onUse"/> with each use and the algorithm its class binds to.</summary>
    public static void Register(CompilationStartAnalysisContext context, Annotations annotations, Action<OperationAnalysisContext, AlgorithmInfo> onUse)
    {
        context.RegisterOperationAction(c => Check(c, ((IObjectCreationOperation)c.Operation).Type as INamedTypeSymbol), OperationKind.ObjectCreation);
        context.RegisterOperationAction(c =>
        {
            var method = ((IInvocationOperation)c.Operation).TargetMethod;
            if (method.IsStatic)
            {
                Check(c, method.ContainingType);
            }
        }, OperationKind.Invocation);

        void Check(OperationAnalysisContext c, INamedTypeSymbol? type)
        {
            if (type is not null && !SymbolEqualityComparer.Default.Equals(c.ContainingSymbol.ContainingType, type) &&
                annotations.GetAlgorithm(type, searchContainingTypes: false) is { } algorithm)
            {
                onUse(c, algorithm);
            }
        }
    }
}
