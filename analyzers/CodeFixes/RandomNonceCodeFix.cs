using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using TypedAlg.Analyzers;

namespace TypedAlg.CodeFixes;

/// <summary>TA0011: replace <c>Nonce.Create(constant)</c> (or a default nonce argument) with <c>Nonce.Random()</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RandomNonceCodeFix)), Shared]
public sealed class RandomNonceCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConstantNonce);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ConstantNonceAnalyzer.FixProperty, out var kind) ||
                !diagnostic.Properties.TryGetValue(ConstantNonceAnalyzer.TypeProperty, out var type) || type is null ||
                await FixHelpers.FindAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found)
            {
                continue;
            }

            SyntaxNode? target = kind switch
            {
                "create" => found.Node.FirstAncestorOrSelf<InvocationExpressionSyntax>(),
                "value" => found.Node as ExpressionSyntax,
                _ => null,
            };
            if (target is null)
            {
                continue;
            }

            var replacement = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.ParseExpression(type + ".Random").WithAdditionalAnnotations(Simplifier.Annotation))
                .WithTriviaFrom(target)
                .WithAdditionalAnnotations(Simplifier.Annotation);
            var document = context.Document.WithSyntaxRoot(found.Root.ReplaceNode(target, replacement));
            FixHelpers.Register(context, diagnostic, CodeFixTitles.UseRandomNonce,
                token => Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: token));
        }
    }
}
