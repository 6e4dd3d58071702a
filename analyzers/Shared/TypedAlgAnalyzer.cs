namespace TypedAlg.Analyzers;

/// <summary>
/// Common set-up for every rule: concurrent, skips generated code, and registers nothing at all in a compilation
/// that does not reference TypedAlg's annotations.
/// </summary>
public abstract class TypedAlgAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (Annotations.TryCreate(start.Compilation) is { } annotations)
            {
                Register(start, annotations);
            }
        });
    }

    internal abstract void Register(CompilationStartAnalysisContext context, Annotations annotations);
}

/// <summary>A rule that looks at arguments passed to annotated parameters.</summary>
public abstract class ArgumentRule : TypedAlgAnalyzer
{
    internal sealed override void Register(CompilationStartAnalysisContext context, Annotations annotations) =>
        context.RegisterOperationAction(c =>
        {
            var argument = (IArgumentOperation)c.Operation;
            if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue ||
                !annotations.IsTypedAlgType(parameter.ContainingType))
            {
                return;
            }

            var info = annotations.GetParameter(parameter);
            if (!info.IsEmpty && OperationHelpers.OwningMethod(argument) is { } method)
            {
                Analyze(c, argument, info, method, annotations);
            }
        }, OperationKind.Argument);

    internal abstract void Analyze(OperationAnalysisContext context, IArgumentOperation argument, ParameterInfo info,
        IMethodSymbol method, Annotations annotations);
}
