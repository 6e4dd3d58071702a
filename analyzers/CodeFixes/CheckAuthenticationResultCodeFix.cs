using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using TypedAlg.Analyzers;

namespace TypedAlg.CodeFixes;

/// <summary>
/// TA0021: <c>x.TryDecrypt(...);</c> or <c>_ = x.Verify(...);</c> becomes
/// <c>if (!x.TryDecrypt(...)) { throw new AuthenticationTagMismatchException(); }</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CheckAuthenticationResultCodeFix)), Shared]
public sealed class CheckAuthenticationResultCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AuthenticationResultIgnored);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(AuthenticationResultIgnoredAnalyzer.FixProperty) ||
                await FixHelpers.FindAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found ||
                found.Node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation ||
                invocation.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } statement ||
                statement.Parent is not (BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax))
            {
                continue;
            }

            var check = SyntaxFactory.IfStatement(
                    SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, invocation.WithoutTrivia()),
                    SyntaxFactory.Block(SyntaxFactory.ThrowStatement(SyntaxFactory.ObjectCreationExpression(
                        SyntaxFactory.ParseTypeName("global::System.Security.Cryptography.AuthenticationTagMismatchException"))
                        .WithArgumentList(SyntaxFactory.ArgumentList()))))
                .WithTriviaFrom(statement)
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
            var document = context.Document.WithSyntaxRoot(found.Root.ReplaceNode(statement, check));
            FixHelpers.Register(context, diagnostic, CodeFixTitles.CheckAuthenticationResult, async token =>
            {
                var simplified = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: token).ConfigureAwait(false);
                return await Formatter.FormatAsync(simplified, Formatter.Annotation, cancellationToken: token).ConfigureAwait(false);
            });
        }
    }
}
