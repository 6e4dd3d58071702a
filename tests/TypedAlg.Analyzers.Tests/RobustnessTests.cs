using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedAlg.Analyzers.Tests;

/// <summary>All analyzers together: compliant code is silent, broken code never crashes an analyzer (AD0001).</summary>
public sealed class RobustnessTests
{
    private static async Task<ImmutableArray<Diagnostic>> RunAllAsync(string source, bool allowCompilerErrors = false)
    {
        var compilation = CSharpCompilation.Create("Test",
            [
                CSharpSyntaxTree.ParseText(TestSetup.Usings + source, path: "Test0.cs"),
                .. TestSetup.GeneratedFor(source).Select(s => CSharpSyntaxTree.ParseText(s.Text, path: s.Path)),
            ],
            TestSetup.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        if (!allowCompilerErrors)
        {
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null,
            concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(AllAnalyzers.Create(), options);
        return await withAnalyzers.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task CompliantCodeIsSilent()
    {
        var diagnostics = await RunAllAsync("""
            class C
            {
                static byte[] Seal(GcmAes.Key128 key, byte[] plaintext, out GcmAes.Nonce nonce, out GcmAes.Tag tag)
                {
                    using var gcm = new GcmAes(key);
                    nonce = GcmAes.Nonce.Random();
                    var ciphertext = new byte[plaintext.Length];
                    gcm.Encrypt(nonce, plaintext, ciphertext, out tag);
                    return ciphertext;
                }

                static bool Open(GcmAes.Key128 key, GcmAes.Nonce nonce, byte[] ciphertext, GcmAes.Tag tag, byte[] plaintext)
                {
                    using var gcm = new GcmAes(key);
                    if (!gcm.TryDecrypt(nonce, ciphertext, tag, plaintext)) { return false; }
                    return plaintext.Length > 0;
                }

                static bool CheckMac(byte[] key, byte[] data, byte[] received)
                {
                    using var hmac = new HmacSha256(key);
                    var mac = hmac.Compute(data);
                    return CryptographicOperations.FixedTimeEquals(mac.AsSpan(), received) && hmac.Verify(data, HmacSha256.Mac.Create(received));
                }

                static void Cbc(byte[] data, byte[] output)
                {
                    using var cbc = new CbcAes(CbcAes.Key128.Random());
                    cbc.Encrypt(CbcAes.Iv.Random(), new byte[64], new byte[64]);
                    using var rng = new DrbgNoprSha256();
                    rng.Fill(output);
                    var digest = Sha256.Hash(data);
                }
            }
            """);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task BrokenCodeDoesNotCrashAnyAnalyzer()
    {
        var diagnostics = await RunAllAsync("""
            class C
            {
                byte[] f = { 1, 2, ;
                void M(GcmAes g, int n)
                {
                    var a = GcmAes.Nonce.Create(new byte[n + ]);
                    var b = GcmAes.Nonce.Create(stackalloc byte[-1]);
                    var c = GcmAes.Nonce.Create(new byte[0][..^20]);
                    var d = GcmAes.Nonce.Create(Convert.FromBase64String("%%%"));
                    var e = GcmAes.Nonce.FromHex(null);
                    var x = x;
                    g.Encrypt(x, x, x, out var t);
                    g.Encrypt(unknown, "a"u8, new byte[0], out t);
                    catchme: try { } catch (AuthenticationTagMismatchException) when (true) { }
                    g.TryDecrypt();
                    new GcmAes();
                    Md5.Hash();
                }
            }
            """, allowCompilerErrors: true);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
