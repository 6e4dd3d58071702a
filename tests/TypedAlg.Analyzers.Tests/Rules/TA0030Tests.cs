using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.InsecureAlgorithmAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0030Tests
{
    [Fact]
    public Task InsecureAlgorithm() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(byte[] data)
            {
                using var md5 = {|#0:new Md5()|};
                var h = {|TA0030:Md5.Hash(data)|};
            }
        }
        """,
        VerifyCS.Diagnostic("TA0030").WithLocation(0).WithArguments("Md5", "md5", "MD5 collisions can be computed in seconds; use Sha256 (or Sha3_256)."));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(byte[] data)
            {
                using var sha = new Sha256();
                var h = Sha256.Hash(data);
                var k = GcmAes.Key128.Random();
            }
        }
        """);
}
