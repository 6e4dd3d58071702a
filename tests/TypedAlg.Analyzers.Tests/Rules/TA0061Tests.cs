using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using TypedAlg.CodeFixes;

namespace TypedAlg.Analyzers.Tests.Rules;

/// <summary>
/// TA0061 and TA0062 read project properties, passed as MSBuild does (a global analyzer config with build_property.*),
/// and the measured availability the generator put into [KernelAlgorithm] from the default manifest. Every test
/// compiles all default classes, as a real project has them. Lists use commas: the package's TypedAlg.targets turns
/// the project's 6.12;7.3 into 6.12,7.3 because the analyzer config file cuts a value at ';' (the package test shows it).
/// </summary>
public sealed class TA0061Tests
{
    // One use of each class whose availability differs: refused at level 1 (GcmAes, Sha3_256, ChaCha20Poly1305Aead),
    // privileged only (CbcAes, Sha256), any process (Sha1, XtsAes), no DRBG on 7.2+ (StdRng).
    private const string Uses = """
        class C
        {
            void M(byte[] data, byte[] block)
            {
                using var gcm = {|#0:new GcmAes(GcmAes.Key256.Random())|};
                var sha3 = {|#1:Sha3_256.Hash(data)|};
                using var chacha = {|#2:new TypedAlg.ChaCha20Poly1305Aead(TypedAlg.ChaCha20Poly1305Aead.Key256.Random())|};
                using var cbc = {|#3:new CbcAes(CbcAes.Key128.Random())|};
                var sha256 = {|#4:Sha256.Hash(data)|};
                var sha1 = {|#5:Sha1.Hash(data)|};
                using var xts = {|#6:new XtsAes(XtsAes.Key256.Random())|};
                using var rng = {|#7:new StdRng()|};
                var supported = GcmAes.IsSupported && StdRng.IsSupported;
            }
        }
        """;

    private static readonly (int Location, string Class, string Algorithm)[] UseSites =
    [
        (0, "GcmAes", "gcm(aes)"), (1, "Sha3_256", "sha3-256"), (2, "ChaCha20Poly1305Aead", "rfc7539(chacha20,poly1305)"),
        (3, "CbcAes", "cbc(aes)"), (4, "Sha256", "sha256"), (5, "Sha1", "sha1"), (6, "XtsAes", "xts(aes)"), (7, "StdRng", "stdrng"),
    ];

    private const string DefaultPolicy = "crypto.af_alg_restrict=1, the default of Linux 7.3 (TypedAlgTargetKernels)";
    private const string Refused = " refuses it to every process; machines that need it must set crypto.af_alg_restrict=0";
    private const string NoDrbg = " registers no DRBG: Linux 7.2 removed them from AF_ALG; use System.Security.Cryptography.RandomNumberGenerator";

    private static string Config(params string[] properties) =>
        "is_global = true\n" + string.Join("\n", properties.Select(p => "build_property." + p));

    private static DiagnosticResult At(string cls, string reason)
    {
        var site = UseSites.Single(s => s.Class == cls);
        return new DiagnosticResult("TA0061", DiagnosticSeverity.Warning).WithLocation(site.Location).WithArguments(cls, site.Algorithm, reason);
    }

    private static Task AnalyzeAsync(string? globalConfig, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TargetAvailabilityAnalyzer, DefaultVerifier> { ReferenceAssemblies = TestSetup.NoPackages };
        Configure(test.TestState, Uses, globalConfig);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    private static void Configure(SolutionState state, string source, string? globalConfig)
    {
        state.Sources.Add(("/0/Test0.cs", TestSetup.Usings + source));
        foreach (var generated in TestSetup.GeneratedSources.Where(g => g.Path.StartsWith("/0/algorithms.json.", StringComparison.Ordinal)))
        {
            state.Sources.Add((generated.Path, generated.Text));
        }

        state.AdditionalReferences.AddRange(TestSetup.References);
        if (globalConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.globalconfig", globalConfig));
        }
    }

    [Fact]
    public Task NothingFiresWithoutTheProperties() => AnalyzeAsync(null);

    [Fact]
    public Task UnprivilegedAloneSaysNothingAboutAPolicy() => AnalyzeAsync(Config("TypedAlgUnprivileged = true"));

    [Fact]
    public Task Linux612ServesEveryDefaultClass() => AnalyzeAsync(Config("TypedAlgTargetKernels = 6.12"));

    [Fact]
    public Task Linux73AppliesItsDefaultPolicyAndHasNoDrbg() => AnalyzeAsync(Config("TypedAlgTargetKernels = 6.12,7.3"),
        At("GcmAes", DefaultPolicy + Refused),
        At("Sha3_256", DefaultPolicy + Refused),
        At("ChaCha20Poly1305Aead", DefaultPolicy + Refused),
        At("StdRng", "Linux 7.3 (TypedAlgTargetKernels)" + NoDrbg));

    [Fact]
    public Task Linux72HasNoDrbgAndNoPolicy() => AnalyzeAsync(Config("TypedAlgTargetKernels = 5.10, 7.2"),
        At("StdRng", "Linux 7.2 (TypedAlgTargetKernels)" + NoDrbg));

    [Fact]
    public Task ALaterKernelIsJudgedByTheNearestMeasuredOneBelowIt() => AnalyzeAsync(Config("TypedAlgTargetKernels = 7.4", "TypedAlgAfAlgRestrict = 0"),
        At("StdRng", "Linux 7.4 (TypedAlgTargetKernels) registers no DRBG (as measured on 7.3): Linux 7.2 removed them from AF_ALG; use System.Security.Cryptography.RandomNumberGenerator"));

    [Fact]
    public Task RestrictZeroOn73LeavesOnlyTheKernelsOwnGaps() => AnalyzeAsync(Config("TypedAlgTargetKernels = 7.3", "TypedAlgAfAlgRestrict = 0"),
        At("StdRng", "Linux 7.3 (TypedAlgTargetKernels)" + NoDrbg));

    [Fact]
    public Task AnUnprivilegedServiceAtLevelOneHasOnlyTheAnyProcessClasses()
    {
        const string policy = "crypto.af_alg_restrict=1 (TypedAlgAfAlgRestrict)";
        const string needsCapability = " lets only processes with CAP_NET_ADMIN or CAP_SYS_ADMIN bind it, and this project runs without them (TypedAlgUnprivileged)";
        return AnalyzeAsync(Config("TypedAlgAfAlgRestrict = 1", "TypedAlgUnprivileged = true"),
            At("GcmAes", policy + Refused),
            At("Sha3_256", policy + Refused),
            At("ChaCha20Poly1305Aead", policy + Refused),
            At("CbcAes", policy + needsCapability),
            At("Sha256", policy + needsCapability),
            At("StdRng", policy + Refused));
    }

    [Fact]
    public Task LevelTwoRefusesEverything() => AnalyzeAsync(Config("TypedAlgAfAlgRestrict = 2"),
        UseSites.Select(s => At(s.Class, "crypto.af_alg_restrict=2 (TypedAlgAfAlgRestrict) switches AF_ALG off for every process")).ToArray());

    [Fact]
    public Task UnreadableValuesAreReportedOnceAndNotGuessed() => AnalyzeAsync(
        Config("TypedAlgTargetKernels = 6.12,seven,4.19", "TypedAlgAfAlgRestrict = yes", "TypedAlgUnprivileged = maybe"),
        new DiagnosticResult("TA0062", DiagnosticSeverity.Warning).WithArguments("TypedAlgTargetKernels", "seven", "expected kernel versions such as 6.12;7.3"),
        new DiagnosticResult("TA0062", DiagnosticSeverity.Warning).WithArguments("TypedAlgTargetKernels", "4.19", "older than the oldest measured kernel (5.10); nothing is known about it"),
        new DiagnosticResult("TA0062", DiagnosticSeverity.Warning).WithArguments("TypedAlgAfAlgRestrict", "yes", "expected 0, 1 or 2 (the value of crypto.af_alg_restrict)"),
        new DiagnosticResult("TA0062", DiagnosticSeverity.Warning).WithArguments("TypedAlgUnprivileged", "maybe", "expected true or false"));

    [Fact]
    public Task MinimumKernelIsCheckedAgainstEveryTarget()
    {
        var test = new CSharpAnalyzerTest<TargetAvailabilityAnalyzer, DefaultVerifier> { ReferenceAssemblies = TestSetup.NoPackages };
        Configure(test.TestState, "class C { void M() { {|#0:NewCipher.Run()|}; } }", Config("TypedAlgTargetKernels = 6.1,6.12"));
        test.TestState.Sources.Add(("/0/NewCipher.g.cs", """
            // <auto-generated/>
            using TypedAlg.Annotations;

            namespace TypedAlg;

            [KernelAlgorithm("new(aes)", KernelAlgorithmType.Skcipher, MinimumKernel = "6.2")]
            public static class NewCipher
            {
                public static void Run() { }
            }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("TA0061", DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("NewCipher", "new(aes)", "Linux 6.1 (TypedAlgTargetKernels) is older than 6.2, the first kernel with it"));
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task TheFixUsesCcmAesForGcmAesWhereThePolicyAllowsIt()
    {
        var test = new CSharpCodeFixTest<TargetAvailabilityAnalyzer, TargetAvailabilityCodeFix, DefaultVerifier> { ReferenceAssemblies = TestSetup.NoPackages };
        const string config = "is_global = true\nbuild_property.TypedAlgTargetKernels = 7.3";
        Configure(test.TestState, """
            class C
            {
                byte[] Seal(GcmAes.Key256 key, byte[] data)
                {
                    using var aead = {|#0:new GcmAes(key)|};
                    return aead.Seal(data);
                }
            }
            """, config);
        Configure(test.FixedState, """
            class C
            {
                byte[] Seal(CcmAes.Key256 key, byte[] data)
                {
                    using var aead = new CcmAes(key);
                    return aead.Seal(data);
                }
            }
            """, config);
        test.ExpectedDiagnostics.Add(At("GcmAes", DefaultPolicy + Refused));
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task NoFixIsOfferedWhereTheStandInIsRefusedToo()
    {
        // Unprivileged at level 1: CcmAes needs a capability, so GcmAes has no stand-in.
        var test = new CSharpCodeFixTest<TargetAvailabilityAnalyzer, TargetAvailabilityCodeFix, DefaultVerifier> { ReferenceAssemblies = TestSetup.NoPackages };
        const string config = "is_global = true\nbuild_property.TypedAlgAfAlgRestrict = 1\nbuild_property.TypedAlgUnprivileged = true";
        const string source = """
            class C
            {
                void M() { using var aead = {|#0:new GcmAes(GcmAes.Key256.Random())|}; }
            }
            """;
        Configure(test.TestState, source, config);
        Configure(test.FixedState, source, config);
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        test.ExpectedDiagnostics.Add(At("GcmAes", "crypto.af_alg_restrict=1 (TypedAlgAfAlgRestrict)" + Refused));
        test.FixedState.ExpectedDiagnostics.Add(At("GcmAes", "crypto.af_alg_restrict=1 (TypedAlgAfAlgRestrict)" + Refused));
        return test.RunAsync(TestContext.Current.CancellationToken);
    }
}
