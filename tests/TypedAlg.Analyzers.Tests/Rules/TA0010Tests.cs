using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.HardCodedKeyAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0010Tests
{
    [Fact]
    public Task ConstantKeys() => VerifyCS.AnalyzeAsync("""
        class C
        {
            static readonly byte[] KeyBytes = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
            void M()
            {
                var a = GcmAes.Key128.Create({|#0:KeyBytes|});
                var b = GcmAes.Key128.FromHex({|TA0010:"000102030405060708090a0b0c0d0e0f"|});
                var c = GcmAes.Key128.Create({|TA0010:"0123456789abcdef"u8|});
                var zeros = new byte[16];
                var d = GcmAes.Key128.Create({|TA0010:zeros|});
                using var h = new HmacSha256({|TA0010:Encoding.UTF8.GetBytes("secret")|});
                using var g = new GcmAes({|TA0010:default(GcmAes.Key128)|});
            }
        }
        """,
        VerifyCS.Diagnostic("TA0010").WithLocation(0).WithArguments("GcmAes.Key128.Create"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(byte[] fromStore, string hex)
            {
                var a = GcmAes.Key128.Create(fromStore);
                var b = GcmAes.Key128.FromHex(hex);
                var c = GcmAes.Key128.Random();
                var filled = new byte[16];
                RandomNumberGenerator.Fill(filled);
                var d = GcmAes.Key128.Create(filled);
                var e = new byte[16];
                e[0] = 1;
                var f = GcmAes.Key128.Create(e);
                using var g = new GcmAes(d);
                var n = GcmAes.Nonce.Create(new byte[12]);
            }
        }
        """);
}
