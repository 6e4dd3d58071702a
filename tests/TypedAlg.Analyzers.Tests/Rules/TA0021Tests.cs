using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.AuthenticationResultIgnoredAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0021Tests
{
    [Fact]
    public Task DiscardedResults() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes gcm, GcmAes.Nonce n, GcmAes.Tag t, byte[] ct, byte[] pt, HmacSha256 hmac, HmacSha256.Mac m)
            {
                {|#0:gcm.TryDecrypt(n, ct, t, pt)|};
                _ = {|TA0021:hmac.Verify(ct, m)|};
            }
        }
        """,
        new DiagnosticResult("TA0021", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("The result of 'GcmAes.TryDecrypt' is discarded; 'false' means the data is forged or corrupted"));

    [Fact]
    public Task SwallowedException() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes gcm, GcmAes.Nonce n, GcmAes.Tag t, byte[] ct, byte[] pt)
            {
                try { gcm.Decrypt(n, ct, t, pt); }
                catch ({|TA0021:AuthenticationTagMismatchException|}) { }
                try { gcm.Decrypt(n, ct, t, pt); }
                catch ({|TA0021:AuthenticationTagMismatchException|} e) { Console.WriteLine(e.Message); }
            }
        }
        """);

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            bool M(GcmAes gcm, GcmAes.Nonce n, GcmAes.Tag t, byte[] ct, byte[] pt, HmacSha256 hmac, HmacSha256.Mac m)
            {
                if (!gcm.TryDecrypt(n, ct, t, pt)) { return false; }
                var ok = hmac.Verify(ct, m);
                try { gcm.Decrypt(n, ct, t, pt); }
                catch (AuthenticationTagMismatchException) { throw; }
                try { gcm.Decrypt(n, ct, t, pt); }
                catch (AuthenticationTagMismatchException) { return false; }
                try { gcm.Decrypt(n, ct, t, pt); }
                catch (CryptographicException) { }
                return ok;
            }
        }
        """);
}
