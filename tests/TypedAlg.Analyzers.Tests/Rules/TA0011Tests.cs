using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.ConstantNonceAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0011Tests
{
    [Fact]
    public Task ConstantNonceIsErrorForAead() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes gcm, byte[] ct)
            {
                var n = GcmAes.Nonce.Create({|#0:new byte[12]|});
                var m = GcmAes.Nonce.FromHex({|#1:"000102030405060708090a0b"|});
                gcm.Encrypt({|#2:default|}, "hi"u8, ct, out var tag);
                gcm.Encrypt({|#3:new GcmAes.Nonce()|}, "hi"u8, ct, out tag);
            }
        }
        """,
        new DiagnosticResult("TA0011", DiagnosticSeverity.Error).WithLocation(0).WithArguments("nonce", "GcmAes.Nonce.Create"),
        new DiagnosticResult("TA0011", DiagnosticSeverity.Error).WithLocation(1).WithArguments("nonce", "GcmAes.Nonce.FromHex"),
        new DiagnosticResult("TA0011", DiagnosticSeverity.Error).WithLocation(2).WithArguments("nonce", "GcmAes.Encrypt"),
        new DiagnosticResult("TA0011", DiagnosticSeverity.Error).WithLocation(3).WithArguments("nonce", "GcmAes.Encrypt"));

    [Fact]
    public Task ConstantIvIsWarning() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M()
            {
                Span<byte> iv = stackalloc byte[16];
                var a = CbcAes.Iv.Create({|#0:iv|});
            }
        }
        """,
        new DiagnosticResult("TA0011", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("IV", "CbcAes.Iv.Create"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes gcm, byte[] ct, byte[] received, long counter)
            {
                var a = GcmAes.Nonce.Create(received);
                var buffer = new byte[12];
                RandomNumberGenerator.Fill(buffer);
                var b = GcmAes.Nonce.Create(buffer);
                var counterBytes = new byte[12];
                BitConverter.TryWriteBytes(counterBytes.AsSpan(4), counter);
                var c = GcmAes.Nonce.Create(counterBytes);
                Span<byte> span = stackalloc byte[12];
                RandomNumberGenerator.Fill(span);
                var d = GcmAes.Nonce.Create(span);
                gcm.Encrypt(GcmAes.Nonce.Random(), "hi"u8, ct, out var tag);
                gcm.Encrypt(a, "hi"u8, ct, out tag);
            }
        }
        """);
}
