using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace TypedAlg.Generator.Tests;

/// <summary>&lt;TypedAlgBackend&gt; and the TypedAlg.Managed reference: what the generator emits and reports for each.</summary>
public sealed class BackendTests
{
    [Theory]
    [InlineData("KernelThenManaged")]
    [InlineData("Managed")]
    [InlineData("Kernel")]
    [InlineData(null)]
    public void ManagedCapableCodeCompilesCleanlyWithDocs(string? policy)
    {
        var output = Generate(policy, managed: true, "class Empty { }", out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var documented = output.WithOptions(output.Options.WithSpecificDiagnosticOptions(
            new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Error }));
        documented = documented.RemoveAllSyntaxTrees().AddSyntaxTrees(output.SyntaxTrees.Select(t =>
            t.WithRootAndOptions(t.GetRoot(TestContext.Current.CancellationToken), GeneratorRunner.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose))));
        var diagnostics = documented.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        Assert.True(diagnostics.Count == 0, string.Join(Environment.NewLine, diagnostics.Take(20)));
    }

    [Fact]
    public void ExistingCallSitesAndPerInstancePolicyCompile()
    {
        var output = Generate("KernelThenManaged", managed: true, """
            using System;
            using TypedAlg;
            using TypedAlg.Runtime;
            public static class Use
            {
                public static Backend M(byte[] data)
                {
                    using var gcm = new GcmAes(GcmAes.Key256.Random());
                    using var kernelOnly = new GcmAes(GcmAes.Key256.Random(), BackendPolicy.Kernel);
                    using var sha = new Sha256(BackendPolicy.Managed);
                    using var hmac = new HmacSha256(new byte[32], BackendPolicy.Managed);
                    using var cbc = new CbcAes(CbcAes.Key128.Random());
                    using ISkcipherStream s = cbc.CreateEncryptor(CbcAes.Iv.Random());
                    using var fromKeyring = CbcAes.FromKeyring(12);
                    _ = Sha256.Hash(data);
                    return gcm.Backend;
                }
            }
            """, out _);
        var errors = output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void ClassesPinningADriverStayOnTheKernelUnderAFallbackPolicy()
    {
        const string manifest = """
            { "namespace": "Pins", "algorithms": [
              { "class": "EngineGcm", "kernelName": "gcm(aes)", "type": "aead", "keySizes": [16], "nonceSize": 12, "tagSize": 16, "driver": "gcm-aes-caam" },
              { "class": "HardwareSha256", "kernelName": "sha256", "type": "hash", "digestSize": 32, "hardwareOnly": true },
              { "class": "PlainGcm", "kernelName": "gcm(aes)", "type": "aead", "keySizes": [16], "nonceSize": 12, "tagSize": 16 }
            ] }
            """;
        var (compilation, driver) = BackendRunner.Create("KernelThenManaged", managed: true, """
            using TypedAlg.Runtime;
            public static class Use
            {
                public static Backend M(Pins.EngineGcm pinned, Pins.HardwareSha256 hardware) => pinned.Backend;
                public static Pins.PlainGcm Chosen() => new(Pins.PlainGcm.Key128.Random(), DriverSelection.Named("gcm-aes-caam"));
                public static Pins.PlainGcm Policy() => new(Pins.PlainGcm.Key128.Random(), BackendPolicy.Managed);
            }
            """, manifest);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, TestContext.Current.CancellationToken);
        Assert.Empty(diagnostics);
        var errors = output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));

        var pinned = driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("EngineGcm.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("public Backend Backend => Backend.Kernel;", pinned, StringComparison.Ordinal);
        Assert.Contains("a pin never falls back", pinned, StringComparison.Ordinal);
        Assert.DoesNotContain("BackendPolicy backendPolicy", pinned, StringComparison.Ordinal);
        var hardware = driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("HardwareSha256.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("HashCore.HashData(AlgorithmName, DigestSize, DefaultDriver, data, bytes);", hardware, StringComparison.Ordinal);
        Assert.DoesNotContain("ManagedBackends", hardware, StringComparison.Ordinal);
    }

    [Fact]
    public void KernelOnlyClassesStillHaveABackendProperty()
    {
        var output = Generate(null, managed: false, """
            public static class Use
            {
                public static TypedAlg.Runtime.Backend M(TypedAlg.GcmAes gcm) => gcm.Backend;
            }
            """, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.DoesNotContain(output.GetDiagnostics(TestContext.Current.CancellationToken), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void FallbackPolicyWithoutTheManagedAssemblyIsAnError()
    {
        Generate("KernelThenManaged", managed: false, "class Empty { }", out var diagnostics);
        var error = Assert.Single(diagnostics);
        Assert.Equal("TA1016", error.Id);
        Assert.Contains("reference the TypedAlg.Managed assembly", error.GetMessage());
    }

    [Fact]
    public void BadPolicyValueIsAnError()
    {
        Generate("Fallback", managed: true, "class Empty { }", out var diagnostics);
        var error = Assert.Single(diagnostics);
        Assert.Equal("TA1015", error.Id);
        Assert.Contains("<TypedAlgBackend>Fallback</TypedAlgBackend> is not a backend policy", error.GetMessage());
    }

    [Fact]
    public void EditingCSharpKeepsTheBackendStepAndClassesCached()
    {
        var (compilation, driver) = BackendRunner.Create("KernelThenManaged", managed: true);
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }", GeneratorRunner.ParseOptions, cancellationToken: TestContext.Current.CancellationToken));
        var second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();
        Assert.All(second.TrackedSteps[TrackingNames.Backend].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    private static Compilation Generate(string? policy, bool managed, string consumer, out IReadOnlyList<Diagnostic> generatorDiagnostics)
    {
        var (compilation, driver) = BackendRunner.Create(policy, managed, consumer);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, TestContext.Current.CancellationToken);
        GeneratorRunner.AssertSecondRunIsCached(driver, compilation);
        generatorDiagnostics = diagnostics;
        return output;
    }
}
