using Microsoft.CodeAnalysis.Simplification;

namespace TypedAlg.CodeFixes;

/// <summary>TA0011: replace <c>Nonce.Create(constant)</c> (or a default nonce argument) with <c>Nonce.Random()</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConstantNonceCodeFix)), Shared]
public sealed class ConstantNonceCodeFix : TypedAlgCodeFix
{
    /// <summary>Creates the fix.</summary>
    public ConstantNonceCodeFix()
        : base(DiagnosticIds.ConstantNonce, ConstantNonceAnalyzer.FixProperty, CodeFixTitles.UseRandomNonce)
    {
    }

    private protected override Task<Document?> FixAsync(Document document, Diagnostic diagnostic, SyntaxNode root, SyntaxNode node, CancellationToken token)
    {
        diagnostic.Properties.TryGetValue(ConstantNonceAnalyzer.FixProperty, out var kind);
        SyntaxNode? target = kind switch
        {
            "create" => node.FirstAncestorOrSelf<InvocationExpressionSyntax>(),
            "value" => node as ExpressionSyntax,
            _ => null,
        };
        if (target is null || !diagnostic.Properties.TryGetValue(ConstantNonceAnalyzer.TypeProperty, out var type) || type is null)
        {
            return Task.FromResult<Document?>(null);
        }

        var replacement = SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression(type + ".Random").WithAdditionalAnnotations(Simplifier.Annotation))
            .WithTriviaFrom(target)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        return Task.FromResult<Document?>(document.WithSyntaxRoot(root.ReplaceNode(target, replacement)));
    }
}
