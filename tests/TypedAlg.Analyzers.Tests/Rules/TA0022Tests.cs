using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.PlaintextAfterFailedAuthenticationAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0022Tests
{
    [Fact]
    public Task ReadOnFailurePath() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes gcm, GcmAes.Nonce n, GcmAes.Tag t, byte[] ct, byte[] pt)
            {
                if (!gcm.TryDecrypt(n, ct, t, pt))
                {
                    Console.WriteLine(Encoding.UTF8.GetString({|#0:pt|}));
                }

                if (gcm.TryDecrypt(n, ct, t, pt.AsSpan())) { }
                else { Console.WriteLine({|TA0022:pt|}.Length); }
            }
        }
        """,
        VerifyCS.Diagnostic("TA0022").WithLocation(0).WithArguments("pt", "GcmAes.TryDecrypt"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes gcm, GcmAes.Nonce n, GcmAes.Tag t, byte[] ct, byte[] pt)
            {
                if (gcm.TryDecrypt(n, ct, t, pt)) { Console.WriteLine(pt.Length); }
                if (!gcm.TryDecrypt(n, ct, t, pt)) { Console.WriteLine(ct.Length); return; }
                Console.WriteLine(pt.Length);
            }
        }
        """);
}
