using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace TypedAlg.CodeFixes;

internal static class FixHelpers
{
    /// <summary>The node the diagnostic spans (getInnermostNodeForTie keeps argument expressions, not ArgumentSyntax).</summary>
    public static async Task<(SyntaxNode Root, SyntaxNode Node)?> FindAsync(Document document, Diagnostic diagnostic, CancellationToken token)
    {
        var root = await document.GetSyntaxRootAsync(token).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return (root, node);
    }

    public static void Register(CodeFixContext context, Diagnostic diagnostic, string title, System.Func<CancellationToken, Task<Document>> create) =>
        context.RegisterCodeFix(CodeAction.Create(title, create, equivalenceKey: title), diagnostic);
}
