using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace TypedAlg.Generator.Tests;

/// <summary>The generated code compiles cleanly against the runtime, and its types do what they promise at compile time.</summary>
public sealed class CompilationTests
{
    [Fact]
    public void DefaultManifestCompilesWithoutAnyDiagnostic()
        => AssertCompilesCleanly(GeneratorRunner.DefaultManifestText(), "/src/algorithms.json");

    [Fact]
    public void EdgeCaseManifestCompilesWithoutAnyDiagnostic()
    {
        var path = Path.Combine(GeneratorRunner.TestProjectDirectory(), "Manifests", "edge-cases.algorithms.json");
        AssertCompilesCleanly(File.ReadAllText(path), "/src/edge-cases.algorithms.json");
    }

    [Fact]
    public void KeyOfAnotherAlgorithmDoesNotCompile()
    {
        var errors = CompileDefaultWith("""
            namespace Consumer;
            public static class Use
            {
                public static void M() => new TypedAlg.CbcAes(TypedAlg.GcmAes.Key128.Random()).Dispose();
            }
            """);
        Assert.Contains(errors, d => d.Id == "CS1503" && d.GetMessage().Contains("GcmAes.Key128"));
    }

    [Fact]
    public void NonceOfAnotherAlgorithmAndDigestOfAnotherHashDoNotCompile()
    {
        var errors = CompileDefaultWith("""
            namespace Consumer;
            public static class Use
            {
                public static void M(TypedAlg.GcmAes gcm, TypedAlg.CcmAes.Nonce nonce, byte[] p, byte[] c)
                    => gcm.Encrypt(nonce, p, c, out _);
                public static bool N(TypedAlg.Sha256.Digest a, TypedAlg.Sha3_256.Digest b) => a == b;
            }
            """);
        Assert.Contains(errors, d => d.Id == "CS1503" && d.GetMessage().Contains("CcmAes.Nonce"));
        Assert.Contains(errors, d => d.Id == "CS0019");
    }

    [Fact]
    public void ConsumerCodeUsingEveryKindCompiles()
    {
        var errors = CompileDefaultWith("""
            using System;
            using TypedAlg;
            namespace Consumer;
            public static class Use
            {
                public static void M()
                {
                    using var cbc = new CbcAes(CbcAes.Key256.Random());
                    byte[] ct = cbc.Encrypt(CbcAes.Iv.Random(), new byte[32]);
                    using var gcm = new GcmAes(GcmAes.Key128.FromHex("000102030405060708090a0b0c0d0e0f"));
                    gcm.Encrypt(GcmAes.Nonce.Random(), ct, new byte[ct.Length], out GcmAes.Tag tag, "aad"u8);
                    bool ok = gcm.TryDecrypt(GcmAes.Nonce.Random(), ct, tag, new byte[ct.Length]);
                    Sha256.Digest d = Sha256.Hash("abc"u8);
                    HmacSha256.Mac mac = HmacSha256.Compute(new byte[32], "data"u8);
                    using var hmac = new HmacSha256(new byte[32]);
                    ok &= hmac.Verify("data"u8, mac);
                    using var rng = new DrbgNoprSha256("app"u8);
                    byte[] r = rng.GetBytes(16);
                    DrbgNoprSha256.FillShared(r);
                    Console.WriteLine($"{d} {ok} {tag} {CbcAes.Key256.Random()}");
                }
            }
            """);
        Assert.Empty(errors);
    }

    private static IReadOnlyList<Diagnostic> CompileDefaultWith(string consumer)
    {
        var compilation = GeneratorRunner.CreateCompilation(consumer);
        var driver = GeneratorRunner.CreateDriver(new InMemoryAdditionalText("/src/algorithms.json", GeneratorRunner.DefaultManifestText()));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, TestContext.Current.CancellationToken);
        GeneratorRunner.AssertSecondRunIsCached(driver, compilation);
        return output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    private static void AssertCompilesCleanly(string manifest, string path)
    {
        var compilation = GeneratorRunner.CreateCompilation("class Empty { }");
        var driver = GeneratorRunner.CreateDriver(new InMemoryAdditionalText(path, manifest));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics, TestContext.Current.CancellationToken);
        GeneratorRunner.AssertSecondRunIsCached(driver, compilation);

        Assert.DoesNotContain(generatorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(output.SyntaxTrees.Count() > 1, "the generator produced no source");

        // Documentation mode makes the compiler check the generated XML docs (crefs, param names) too.
        var documented = output.WithOptions(output.Options.WithSpecificDiagnosticOptions(
            new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Error }));
        documented = documented.RemoveAllSyntaxTrees().AddSyntaxTrees(output.SyntaxTrees.Select(t =>
            t.WithRootAndOptions(t.GetRoot(TestContext.Current.CancellationToken), GeneratorRunner.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose))));
        var diagnostics = documented.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .ToList();
        Assert.True(diagnostics.Count == 0, string.Join(Environment.NewLine, diagnostics.Take(20)));
    }
}
