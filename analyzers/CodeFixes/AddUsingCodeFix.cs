using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedAlg.Analyzers;

namespace TypedAlg.CodeFixes;

/// <summary>TA0050: <c>var x = new GcmAes(key);</c> becomes <c>using var x = new GcmAes(key);</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddUsingCodeFix)), Shared]
public sealed class AddUsingCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NotDisposed);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(NotDisposedAnalyzer.FixProperty) ||
                await FixHelpers.FindAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found ||
                found.Node.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not { UsingKeyword.RawKind: 0 } declaration ||
                declaration.Parent is not (BlockSyntax or GlobalStatementSyntax))
            {
                continue;
            }

            var fixedDeclaration = declaration
                .WithoutLeadingTrivia()
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithLeadingTrivia(declaration.GetLeadingTrivia());
            var document = context.Document.WithSyntaxRoot(found.Root.ReplaceNode(declaration, fixedDeclaration));
            FixHelpers.Register(context, diagnostic, CodeFixTitles.AddUsing, _ => Task.FromResult(document));
        }
    }
}
