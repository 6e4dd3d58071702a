namespace TypedAlg.CodeFixes;

/// <summary>TA0031: drop the slice of a tag/MAC (<c>mac.AsSpan()[..8]</c> becomes <c>mac.AsSpan()</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TruncatedTagCodeFix)), Shared]
public sealed class TruncatedTagCodeFix : TypedAlgCodeFix
{
    /// <summary>Creates the fix.</summary>
    public TruncatedTagCodeFix()
        : base(DiagnosticIds.TruncatedTag, TruncatedTagAnalyzer.FixProperty, CodeFixTitles.UseFullLengthTag)
    {
    }

    private protected override Task<Document?> FixAsync(Document document, Diagnostic diagnostic, SyntaxNode root, SyntaxNode node, CancellationToken token)
    {
        var whole = node switch
        {
            ElementAccessExpressionSyntax element => element.Expression,                                   // x[..8]
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Slice" } m } => m.Expression,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsSpan" or "AsMemory" } } call =>
                call.WithArgumentList(call.ArgumentList.WithArguments(default)),                                  // x.AsSpan(0, 8)
            _ => null,
        };
        return Task.FromResult<Document?>(whole is null ? null : document.WithSyntaxRoot(root.ReplaceNode(node, whole.WithTriviaFrom(node))));
    }
}
