using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.InvalidConstantLengthAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0001Tests
{
    [Fact]
    public Task NewByteArrayOfWrongLength() => VerifyCS.AnalyzeAsync("""
        class C { void M() { var n = GcmAes.Nonce.Create({|#0:new byte[16]|}); } }
        """,
        new DiagnosticResult("TA0001", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("The nonce for 'GcmAes.Nonce.Create'", "12 bytes", "16 bytes"));

    [Fact]
    public Task EveryConstantLengthShape() => VerifyCS.AnalyzeAsync("""
        class C
        {
            static readonly byte[] Field = { 1, 2, 3 };
            static ReadOnlySpan<byte> Prop => new byte[] { 1, 2, 3, 4, 5 };
            void M(byte[] data)
            {
                GcmAes.Nonce.Create({|TA0001:new byte[] { 1, 2, 3 }|});
                GcmAes.Nonce.Create({|TA0001:"0123456789abcdef"u8|});
                GcmAes.Nonce.Create({|TA0001:stackalloc byte[8]|});
                GcmAes.Nonce.Create({|TA0001:Convert.FromHexString("00112233")|});
                GcmAes.Nonce.Create({|TA0001:Convert.FromBase64String("AAAAAAAAAAAAAAAAAAAAAA==")|});
                GcmAes.Nonce.Create({|TA0001:Encoding.UTF8.GetBytes("not twelve")|});
                GcmAes.Nonce.Create({|TA0001:data.AsSpan(0, 16)|});
                GcmAes.Nonce.Create({|TA0001:data.AsSpan()[4..20]|});
                GcmAes.Nonce.Create({|TA0001:Field|});
                GcmAes.Nonce.Create({|TA0001:Prop|});
                byte[] local = new byte[13];
                GcmAes.Nonce.Create({|TA0001:local|});
                var key = GcmAes.Key128.Create({|TA0001:new byte[32]|});
                var cmac = CmacAes.Compute({|TA0001:new byte[20]|}, data);
            }
        }
        """);

    [Fact]
    public Task CollectionExpression() => VerifyCS.AnalyzeAsync("""
        class C { void M() { GcmAes.Nonce.Create({|TA0001:[1, 2, 3]|}); } }
        """);

    [Fact]
    public Task FromHexLiterals() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M()
            {
                GcmAes.Nonce.FromHex({|#0:"000102030405060708090a0"|});
                GcmAes.Nonce.FromHex({|#1:"zz0102030405060708090a0b"|});
                GcmAes.Nonce.FromHex({|#2:"000102030405060708090a0b0c0d"|});
                GcmAes.Nonce.FromHex("000102030405060708090a0b");
            }
        }
        """,
        new DiagnosticResult("TA0001", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("The nonce for 'GcmAes.Nonce.FromHex'", "12 bytes", "23 hex digits (an odd number)"),
        new DiagnosticResult("TA0001", DiagnosticSeverity.Error).WithLocation(1)
            .WithArguments("The nonce for 'GcmAes.Nonce.FromHex'", "12 bytes", "not hexadecimal"),
        new DiagnosticResult("TA0001", DiagnosticSeverity.Error).WithLocation(2)
            .WithArguments("The nonce for 'GcmAes.Nonce.FromHex'", "12 bytes", "14 bytes (28 hex digits)"));

    [Fact]
    public Task SeveralAllowedLengthsInMessage() => VerifyCS.AnalyzeAsync("""
        class C { void M(byte[] data) { var mac = CmacAes.Compute({|#0:new byte[20]|}, data); } }
        """,
        new DiagnosticResult("TA0001", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("The key for 'CmacAes.Compute'", "16, 24 or 32 bytes", "20 bytes"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(byte[] data, int n, string hex)
            {
                GcmAes.Nonce.Create(new byte[12]);
                GcmAes.Nonce.Create(new byte[n]);
                GcmAes.Nonce.Create(data);
                GcmAes.Nonce.Create(data.AsSpan(0, 12));
                GcmAes.Nonce.Create(data.AsSpan()[4..16]);
                GcmAes.Nonce.Create("0123456789ab"u8);
                GcmAes.Nonce.Create(Encoding.UTF8.GetBytes(hex));
                GcmAes.Nonce.FromHex(hex);
                byte[] reassigned = new byte[13];
                reassigned = data;
                GcmAes.Nonce.Create(reassigned);
                var mac = CmacAes.Compute(new byte[32], data);
                using var h = new HmacSha256(new byte[7]);
            }
        }
        """);
}
