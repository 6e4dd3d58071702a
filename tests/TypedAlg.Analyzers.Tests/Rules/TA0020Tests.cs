using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.VariableTimeComparisonAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0020Tests
{
    [Fact]
    public Task VariableTimeComparisons() => VerifyCS.AnalyzeAsync("""
        class C
        {
            bool M(HmacSha256 hmac, byte[] data, byte[] expected, string expectedHex)
            {
                var mac = hmac.Compute(data);
                var a = {|#0:mac.AsSpan().SequenceEqual(expected)|};
                var b = {|TA0020:mac.ToString() == expectedHex|};
                var c = {|TA0020:Convert.ToHexString(mac.AsSpan()) != expectedHex|};
                var d = {|TA0020:string.Equals(Convert.ToBase64String(Sha256.Hash(data).AsSpan()), expectedHex)|};
                return a && b && c && d;
            }
        }
        """,
        VerifyCS.Diagnostic("TA0020").WithLocation(0).WithArguments("MAC"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            bool M(HmacSha256 hmac, byte[] data, byte[] expected, string s, string t)
            {
                var mac = hmac.Compute(data);
                var a = CryptographicOperations.FixedTimeEquals(mac.AsSpan(), expected);
                var b = hmac.Verify(data, HmacSha256.Mac.Create(expected));
                var c = data.AsSpan().SequenceEqual(expected);
                var d = s == t;
                return a && b && c && d;
            }
        }
        """);
}
