using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.NonceReuseAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0012Tests
{
    [Fact]
    public Task SameNonceTwice() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes gcm, byte[] a, byte[] b)
            {
                var nonce = GcmAes.Nonce.Random();
                gcm.Encrypt(nonce, "one"u8, a, out var t1);
                gcm.Encrypt({|#0:nonce|}, "two"u8, b, out var t2);
            }
        }
        """,
        VerifyCS.Diagnostic("TA0012").WithLocation(0).WithArguments("nonce", "gcm"));

    [Fact]
    public Task SameNonceInLoop() => VerifyCS.AnalyzeAsync("""
        class C
        {
            GcmAes _gcm = null!;
            void M(byte[][] messages, byte[] output)
            {
                var nonce = GcmAes.Nonce.Random();
                foreach (var message in messages)
                {
                    _gcm.Encrypt({|#0:nonce|}, message, output, out var tag);
                }
            }
        }
        """,
        VerifyCS.Diagnostic("TA0012").WithLocation(0).WithArguments("nonce", "_gcm"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes gcm, GcmAes other, byte[] a, bool flag, byte[][] messages)
            {
                var nonce = GcmAes.Nonce.Random();
                gcm.Encrypt(nonce, "one"u8, a, out var t1);
                nonce = GcmAes.Nonce.Random();
                gcm.Encrypt(nonce, "two"u8, a, out var t2);
                other.Encrypt(nonce, "three"u8, a, out var t3);
                gcm.Decrypt(nonce, a, t2, a);
                nonce = GcmAes.Nonce.Random();
                if (flag) { gcm.Encrypt(nonce, "x"u8, a, out var t4); }
                else { gcm.Encrypt(nonce, "y"u8, a, out var t5); }
                foreach (var m in messages)
                {
                    var fresh = GcmAes.Nonce.Random();
                    gcm.Encrypt(fresh, m, a, out var t6);
                }
                foreach (var m in messages)
                {
                    nonce = GcmAes.Nonce.Random();
                    gcm.Encrypt(nonce, m, a, out var t7);
                }
            }
        }
        """);
}
