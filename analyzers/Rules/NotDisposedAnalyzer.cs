namespace TypedAlg.Analyzers;

/// <summary>
/// TA0050: an instance of a [MustDispose] class is created (new, or a static factory) and neither disposed nor handed
/// on (returned, stored, passed as an argument).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NotDisposedAnalyzer : TypedAlgAnalyzer
{
    /// <summary>Diagnostic property for the code fix: "using" when the local declaration can become a using declaration.</summary>
    public const string FixProperty = "TA0050.Fix";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.NotDisposed);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations) =>
        context.RegisterOperationAction(c =>
        {
            var type = c.Operation switch
            {
                IObjectCreationOperation creation => creation.Type,
                IInvocationOperation { TargetMethod.IsStatic: true } factory => factory.TargetMethod.ReturnType,
                _ => null,
            };
            if (!annotations.MustDispose(type))
            {
                return;
            }

            var verdict = Analyze(c.Operation);
            if (verdict != Verdict.Owned)
            {
                var properties = verdict == Verdict.LeakedLocalFixable
                    ? ImmutableDictionary<string, string?>.Empty.Add(FixProperty, "using")
                    : null;
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.NotDisposed, c.Operation.Syntax.GetLocation(), properties, type!.Name));
            }
        }, OperationKind.ObjectCreation, OperationKind.Invocation);

    private enum Verdict
    {
        Owned,
        Leaked,
        LeakedLocalFixable,
    }

    private static Verdict Analyze(IOperation creation)
    {
        var parent = OperationHelpers.ParentSkippingConversions(creation, out var child);
        switch (parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                // using var x = ...; / using (var x = ...): declarator -> declaration -> group -> using.
                var o = declarator.Parent;
                for (var depth = 0; o is not null && depth < 3; o = o.Parent, depth++)
                {
                    if (o is IUsingOperation or IUsingDeclarationOperation)
                    {
                        return Verdict.Owned;
                    }
                }

                return AnalyzeLocal(declarator.Symbol, creation, fixable: declarator.Parent is IVariableDeclarationOperation { Declarators.Length: 1 });
            case ISimpleAssignmentOperation assignment when assignment.Value == child:
                return assignment.Target is ILocalReferenceOperation local ? AnalyzeLocal(local.Local, creation, fixable: false) : Verdict.Owned;
            case IInvocationOperation invocation when invocation.Instance == child:
                // new X().Dispose() disposes what it creates (a probe); any other call leaves it open.
                return invocation.TargetMethod.Name is "Dispose" or "DisposeAsync" ? Verdict.Owned : Verdict.Leaked;
            case IPropertyReferenceOperation property when property.Instance == child:
            case IExpressionStatementOperation:
                return Verdict.Leaked;
            default:
                return Verdict.Owned;
        }
    }

    private static Verdict AnalyzeLocal(ILocalSymbol local, IOperation anchor, bool fixable)
    {
        foreach (var reference in OperationHelpers.References(local, anchor))
        {
            var parent = OperationHelpers.ParentSkippingConversions(reference, out var child);
            switch (parent)
            {
                case IInvocationOperation invocation when invocation.Instance == child:
                    if (invocation.TargetMethod.Name is "Dispose" or "DisposeAsync")
                    {
                        return Verdict.Owned;
                    }

                    continue;
                case IPropertyReferenceOperation property when property.Instance == child:
                case IFieldReferenceOperation field when field.Instance == child:
                case IEventReferenceOperation evt when evt.Instance == child:
                case IConditionalAccessInstanceOperation:
                    continue;
                case IConditionalAccessOperation access when access.Operation == child:
                    if (access.WhenNotNull is IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" })
                    {
                        return Verdict.Owned;
                    }

                    continue;
                case IAssignmentOperation assignment when assignment.Target == child:
                    fixable = false; // a using variable cannot be reassigned
                    continue;
                default:
                    // returned, stored, passed on, used in using(x): someone else owns it now.
                    return Verdict.Owned;
            }
        }

        return fixable ? Verdict.LeakedLocalFixable : Verdict.Leaked;
    }
}
