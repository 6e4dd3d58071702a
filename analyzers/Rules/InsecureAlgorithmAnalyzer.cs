using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TypedAlg.Analyzers;

/// <summary>
/// TA0030: a class whose [KernelAlgorithm] has an InsecureReason is instantiated or its static one-shots are called.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureAlgorithmAnalyzer : TypedAlgAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.InsecureAlgorithm);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations)
    {
        context.RegisterOperationAction(c =>
        {
            var creation = (IObjectCreationOperation)c.Operation;
            Check(c, creation.Type as INamedTypeSymbol, creation, annotations);
        }, OperationKind.ObjectCreation);
        context.RegisterOperationAction(c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (invocation.TargetMethod.IsStatic)
            {
                Check(c, invocation.TargetMethod.ContainingType, invocation, annotations);
            }
        }, OperationKind.Invocation);
    }

    private static void Check(OperationAnalysisContext context, INamedTypeSymbol? type, IOperation operation, Annotations annotations)
    {
        // Code inside the generated class itself is not a use.
        if (type is null || SymbolEqualityComparer.Default.Equals(context.ContainingSymbol.ContainingType, type))
        {
            return;
        }

        if (annotations.GetAlgorithm(type, searchContainingTypes: false) is { InsecureReason: { Length: > 0 } reason } algorithm)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InsecureAlgorithm, operation.Syntax.GetLocation(),
                type.Name, algorithm.Name, reason));
        }
    }
}
