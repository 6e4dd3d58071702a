using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.PasswordAsKeyAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0040Tests
{
    [Fact]
    public Task PasswordBytesAsKey() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(string password)
            {
                var k = GcmAes.Key128.Create({|#0:Encoding.UTF8.GetBytes(password)|});
                var bytes = Encoding.ASCII.GetBytes(password);
                using var h = new HmacSha256({|TA0040:bytes|});
            }
        }
        """,
        VerifyCS.Diagnostic("TA0040").WithLocation(0).WithArguments("GcmAes.Key128.Create"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(string password, byte[] salt)
            {
                var derived = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 16);
                var k = GcmAes.Key128.Create(derived);
                var literal = GcmAes.Key128.Create(Encoding.UTF8.GetBytes("0123456789abcdef"));
                var n = GcmAes.Nonce.Create(Encoding.UTF8.GetBytes(password));
            }
        }
        """);
}
