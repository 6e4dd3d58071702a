using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedAlg.Analyzers;

namespace TypedAlg.CodeFixes;

/// <summary>TA0031: drop the slice of a tag/MAC (<c>mac.AsSpan()[..8]</c> becomes <c>mac.AsSpan()</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FullLengthTagCodeFix)), Shared]
public sealed class FullLengthTagCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TruncatedTag);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(TruncatedTagAnalyzer.FixProperty) ||
                await FixHelpers.FindAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found)
            {
                continue;
            }

            ExpressionSyntax? whole = found.Node switch
            {
                ElementAccessExpressionSyntax element => element.Expression,                                   // x[..8]
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Slice" } m } => m.Expression,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsSpan" or "AsMemory" } } call =>
                    call.WithArgumentList(call.ArgumentList.WithArguments(default)),                                  // x.AsSpan(0, 8)
                _ => null,
            };
            if (whole is null)
            {
                continue;
            }

            var document = context.Document.WithSyntaxRoot(found.Root.ReplaceNode(found.Node, whole.WithTriviaFrom(found.Node)));
            FixHelpers.Register(context, diagnostic, CodeFixTitles.UseFullLengthTag, _ => Task.FromResult(document));
        }
    }
}
