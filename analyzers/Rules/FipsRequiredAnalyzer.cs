using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TypedAlg.Analyzers;

/// <summary>
/// TA0060: in a project that sets the MSBuild property <c>TypedAlgRequireFips</c> to true, a class whose
/// [KernelAlgorithm] is not FipsApproved is instantiated or its static methods are called. A kernel booted with
/// fips=1 refuses such an algorithm at bind, so the code would fail on exactly the machines the project targets.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FipsRequiredAnalyzer : TypedAlgAnalyzer
{
    /// <summary>The compiler-visible MSBuild property (buildTransitive/TypedAlg.props declares it visible).</summary>
    internal const string RequireFipsProperty = "build_property.TypedAlgRequireFips";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.FipsRequired);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations)
    {
        // Project-wide opt-in: without the property (or with anything but "true") the rule registers nothing.
        if (!context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(RequireFipsProperty, out var value) ||
            !bool.TryParse(value.Trim(), out var required) || !required)
        {
            return;
        }

        context.RegisterOperationAction(c =>
        {
            var creation = (IObjectCreationOperation)c.Operation;
            Check(c, creation.Type as INamedTypeSymbol, creation, annotations);
        }, OperationKind.ObjectCreation);
        context.RegisterOperationAction(c =>
        {
            // Static one-shots (Hash, Compute) and factories (FromKeyring) open sockets as much as constructors do.
            var invocation = (IInvocationOperation)c.Operation;
            if (invocation.TargetMethod.IsStatic)
            {
                Check(c, invocation.TargetMethod.ContainingType, invocation, annotations);
            }
        }, OperationKind.Invocation);
    }

    private static void Check(OperationAnalysisContext context, INamedTypeSymbol? type, IOperation operation, Annotations annotations)
    {
        // Code inside the generated class itself is not a use. Nested material types (Key256.Random()) are not
        // searched: they never reach the kernel, and the algorithm's own constructor is reported instead.
        if (type is null || SymbolEqualityComparer.Default.Equals(context.ContainingSymbol.ContainingType, type))
        {
            return;
        }

        if (annotations.GetAlgorithm(type, searchContainingTypes: false) is { FipsApproved: false } algorithm)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.FipsRequired, operation.Syntax.GetLocation(),
                type.Name, algorithm.Name));
        }
    }
}
