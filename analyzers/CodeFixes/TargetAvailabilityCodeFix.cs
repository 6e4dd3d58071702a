using System.Globalization;
using Microsoft.CodeAnalysis.Simplification;

namespace TypedAlg.CodeFixes;

/// <summary>
/// TA0061: use the class the analyzer found that the target serves (GcmAes becomes CcmAes under Linux 7.3's default
/// policy), in every reference to the flagged class in the document, so its nested Key and Nonce types follow.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TargetAvailabilityCodeFix)), Shared]
public sealed class TargetAvailabilityCodeFix : TypedAlgCodeFix
{
    /// <summary>Creates the fix.</summary>
    public TargetAvailabilityCodeFix()
        : base(DiagnosticIds.NotServedOnTarget, TargetAvailabilityAnalyzer.ReplacementProperty, CodeFixTitles.UseServedClass)
    {
    }

    private protected override string TitleFor(Diagnostic diagnostic) =>
        string.Format(CultureInfo.InvariantCulture, CodeFixTitles.UseServedClass,
            diagnostic.Properties[TargetAvailabilityAnalyzer.ReplacementProperty], diagnostic.Properties[TargetAvailabilityAnalyzer.FlaggedProperty]);

    private protected override async Task<Document?> FixAsync(Document document, Diagnostic diagnostic, SyntaxNode root, SyntaxNode node, CancellationToken token)
    {
        var model = await document.GetSemanticModelAsync(token).ConfigureAwait(false);
        var flagged = model is null ? null : Flagged(model, node, token);
        var replacementName = diagnostic.Properties[TargetAvailabilityAnalyzer.ReplacementProperty];
        var replacement = flagged?.ContainingNamespace.GetTypeMembers(replacementName!).FirstOrDefault();
        if (flagged is null || replacement is null)
            return null;

        // Every name in the document that means the flagged class (GcmAes, GcmAes.Key256, TypedAlg.GcmAes).
        var names = root.DescendantNodes().OfType<SimpleNameSyntax>()
            .Where(n => n.Identifier.ValueText == flagged.Name &&
                        SymbolEqualityComparer.Default.Equals(model!.GetSymbolInfo(n, token).Symbol?.OriginalDefinition, flagged))
            .ToList();
        var newRoot = root.ReplaceNodes(names, (old, _) =>
            old.WithIdentifier(SyntaxFactory.Identifier(old.Identifier.LeadingTrivia, replacement.Name, old.Identifier.TrailingTrivia))
               .WithAdditionalAnnotations(Simplifier.Annotation));
        return document.WithSyntaxRoot(newRoot);
    }

    // The class the flagged use creates, or whose static method it calls.
    private static INamedTypeSymbol? Flagged(SemanticModel model, SyntaxNode node, CancellationToken token) =>
        model.GetOperation(node, token) switch
        {
            Microsoft.CodeAnalysis.Operations.IObjectCreationOperation creation => creation.Type as INamedTypeSymbol,
            Microsoft.CodeAnalysis.Operations.IInvocationOperation call => call.TargetMethod.ContainingType,
            _ => null,
        };
}
