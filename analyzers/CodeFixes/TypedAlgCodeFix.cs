using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.Simplification;

namespace TypedAlg.CodeFixes;

/// <summary>
/// What every TypedAlg code fix shares: one diagnostic ID, fix-all by batch, and the loop that finds the node a
/// diagnostic spans when its analyzer marked it fixable. A fix only says how the document changes.
/// </summary>
public abstract class TypedAlgCodeFix : CodeFixProvider
{
    private readonly string _fixProperty;
    private readonly string _title;

    private protected TypedAlgCodeFix(string diagnosticId, string fixProperty, string title)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _fixProperty = fixProperty;
        _title = title;
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(_fixProperty) ||
                await FindAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found ||
                await FixAsync(context.Document, diagnostic, found.Root, found.Node, context.CancellationToken).ConfigureAwait(false) is not { } fixedDocument)
            {
                continue;
            }

            // The title is also the equivalence key, so fix-all groups the occurrences.
            var title = TitleFor(diagnostic);
            context.RegisterCodeFix(CodeAction.Create(title, token => TidyAsync(fixedDocument, token), equivalenceKey: title), diagnostic);
        }
    }

    /// <summary>The title of the fix for this diagnostic; the same for every occurrence unless a fix says more.</summary>
    private protected virtual string TitleFor(Diagnostic diagnostic) => _title;

    /// <summary>The document with this occurrence fixed, or null when it cannot be fixed automatically.</summary>
    private protected abstract Task<Document?> FixAsync(Document document, Diagnostic diagnostic, SyntaxNode root, SyntaxNode node, CancellationToken token);

    /// <summary>Runs when the fix is applied: shortens names the fix annotated for simplification.</summary>
    private protected virtual Task<Document> TidyAsync(Document document, CancellationToken token) =>
        Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: token);

    /// <summary>The node the diagnostic spans (getInnermostNodeForTie keeps argument expressions, not ArgumentSyntax).</summary>
    private static async Task<(SyntaxNode Root, SyntaxNode Node)?> FindAsync(Document document, Diagnostic diagnostic, CancellationToken token)
    {
        var root = await document.GetSyntaxRootAsync(token).ConfigureAwait(false);
        return root is null ? null : (root, root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
    }
}
