namespace TypedAlg.CodeFixes;

/// <summary>TA0050: <c>var x = new GcmAes(key);</c> becomes <c>using var x = new GcmAes(key);</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NotDisposedCodeFix)), Shared]
public sealed class NotDisposedCodeFix : TypedAlgCodeFix
{
    /// <summary>Creates the fix.</summary>
    public NotDisposedCodeFix()
        : base(DiagnosticIds.NotDisposed, NotDisposedAnalyzer.FixProperty, CodeFixTitles.AddUsing)
    {
    }

    private protected override Task<Document?> FixAsync(Document document, Diagnostic diagnostic, SyntaxNode root, SyntaxNode node, CancellationToken token)
    {
        if (node.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not { UsingKeyword.RawKind: 0 } declaration ||
            declaration.Parent is not (BlockSyntax or GlobalStatementSyntax))
        {
            return Task.FromResult<Document?>(null);
        }

        var fixedDeclaration = declaration
            .WithoutLeadingTrivia()
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithLeadingTrivia(declaration.GetLeadingTrivia());
        return Task.FromResult<Document?>(document.WithSyntaxRoot(root.ReplaceNode(declaration, fixedDeclaration)));
    }
}
