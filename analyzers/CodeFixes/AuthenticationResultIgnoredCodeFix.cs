using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace TypedAlg.CodeFixes;

/// <summary>
/// TA0021: <c>x.TryDecrypt(...);</c> or <c>_ = x.Verify(...);</c> becomes
/// <c>if (!x.TryDecrypt(...)) { throw new AuthenticationTagMismatchException(); }</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AuthenticationResultIgnoredCodeFix)), Shared]
public sealed class AuthenticationResultIgnoredCodeFix : TypedAlgCodeFix
{
    /// <summary>Creates the fix.</summary>
    public AuthenticationResultIgnoredCodeFix()
        : base(DiagnosticIds.AuthenticationResultIgnored, AuthenticationResultIgnoredAnalyzer.FixProperty, CodeFixTitles.CheckAuthenticationResult)
    {
    }

    private protected override Task<Document?> FixAsync(Document document, Diagnostic diagnostic, SyntaxNode root, SyntaxNode node, CancellationToken token)
    {
        if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation ||
            invocation.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } statement ||
            statement.Parent is not (BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax))
        {
            return Task.FromResult<Document?>(null);
        }

        var check = SyntaxFactory.IfStatement(
                SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, invocation.WithoutTrivia()),
                SyntaxFactory.Block(SyntaxFactory.ThrowStatement(SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.ParseTypeName("global::System.Security.Cryptography.AuthenticationTagMismatchException"))
                    .WithArgumentList(SyntaxFactory.ArgumentList()))))
            .WithTriviaFrom(statement)
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        return Task.FromResult<Document?>(document.WithSyntaxRoot(root.ReplaceNode(statement, check)));
    }

    /// <summary>The new if statement is also formatted (braces and indentation).</summary>
    private protected override async Task<Document> TidyAsync(Document document, CancellationToken token)
    {
        var simplified = await base.TidyAsync(document, token).ConfigureAwait(false);
        return await Formatter.FormatAsync(simplified, Formatter.Annotation, cancellationToken: token).ConfigureAwait(false);
    }
}
