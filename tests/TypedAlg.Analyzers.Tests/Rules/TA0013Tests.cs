using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.PredictableRandomAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0013Tests
{
    [Fact]
    public Task RandomAndGuid() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M()
            {
                var bytes = new byte[16];
                new Random(42).NextBytes(bytes);
                var k = GcmAes.Key128.Create({|#0:bytes|});
                var shared = new byte[12];
                Random.Shared.NextBytes(shared);
                var n = GcmAes.Nonce.Create({|TA0013:shared|});
                var iv = CbcAes.Iv.Create({|#1:Guid.NewGuid().ToByteArray()|});
            }
        }
        """,
        new DiagnosticResult("TA0013", DiagnosticSeverity.Error).WithLocation(0).WithArguments("key", "GcmAes.Key128.Create", "System.Random"),
        new DiagnosticResult("TA0013", DiagnosticSeverity.Error).WithLocation(1).WithArguments("IV", "CbcAes.Iv.Create", "a Guid"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(byte[] ct)
            {
                var bytes = new byte[16];
                RandomNumberGenerator.Fill(bytes);
                var k = GcmAes.Key128.Create(bytes);
                var data = new byte[16];
                Random.Shared.NextBytes(data);
                using var h = new HmacSha256(stackalloc byte[32]);
                var d = Sha256.Hash(data);
            }
        }
        """);
}
