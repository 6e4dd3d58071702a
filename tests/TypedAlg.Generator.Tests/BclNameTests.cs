using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace TypedAlg.Generator.Tests;

/// <summary>
/// The default classes share files with System.Security.Cryptography: a class named like a public BCL type in
/// System or System.Security.Cryptography (ChaCha20Poly1305 was one) makes every file importing both namespaces
/// fail with CS0104. Checked against the net10.0 reference assemblies, so a new manifest entry cannot bring it back.
/// </summary>
public sealed class BclNameTests
{
    private static readonly string[] ImportedNamespaces = ["System", "System.Security.Cryptography"];

    [Fact]
    public void NoDefaultClassIsNamedLikeAPublicBclType()
    {
        var classes = DefaultClassNames();
        Assert.NotEmpty(classes);
        var bcl = PublicBclTypeNames();
        Assert.Contains("ChaCha20Poly1305", bcl); // the check sees the type that collided
        var collisions = classes.Where(bcl.Contains).Order(StringComparer.Ordinal).ToList();
        Assert.True(collisions.Count == 0,
            $"Default classes named like public types of {string.Join(" or ", ImportedNamespaces)}: {string.Join(", ", collisions)}. " +
            "Rename them in algorithms.json (for example with an Aead or Kernel suffix).");
    }

    [Fact]
    public void FilesImportingBothNamespacesCompile()
    {
        // Every default class used unqualified next to the BCL's usings: CS0104 is the ambiguity this guards against.
        var run = GeneratorRunner.Run(GeneratorRunner.DefaultManifestText());
        var uses = string.Join("\n", DefaultClassNames().Select(c => $"        _ = typeof({c});"));
        var consumer = $$"""
            using System;
            using System.Security.Cryptography;
            using TypedAlg;

            internal static class Consumer
            {
                internal static void Use()
                {
            {{uses}}
                }
            }
            """;
        var compilation = GeneratorRunner.CreateCompilation(consumer)
            .AddSyntaxTrees(run.GeneratedTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(TestContext.Current.CancellationToken), GeneratorRunner.ParseOptions)));
        var errors = compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static List<string> DefaultClassNames()
    {
        var run = GeneratorRunner.Run(GeneratorRunner.DefaultManifestText());
        return run.GeneratedTrees
            .SelectMany(t => t.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            .Where(c => c.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax)
            .Select(c => c.Identifier.ValueText)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static HashSet<string> PublicBclTypeNames()
    {
        var compilation = GeneratorRunner.CreateCompilation("class Empty { }");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in ImportedNamespaces)
        {
            var symbol = ns.Split('.').Aggregate(compilation.GlobalNamespace, (n, part) => n.GetNamespaceMembers().Single(m => m.Name == part));
            foreach (var type in symbol.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public))
                names.Add(type.Name);
        }

        return names;
    }
}
