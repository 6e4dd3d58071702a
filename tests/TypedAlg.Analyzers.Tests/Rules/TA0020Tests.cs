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
                var mac = hmac.ComputeMac(data);
                var a = {|#0:mac.AsSpan().SequenceEqual(expected)|};
                var b = {|TA0020:mac.ToHex() == expectedHex|};
                var c = {|TA0020:Convert.ToHexString(mac.AsSpan()) != expectedHex|};
                var d = {|TA0020:string.Equals(Convert.ToBase64String(Sha256.HashData(data).AsSpan()), expectedHex)|};
                var buffer = new byte[32];
                hmac.ComputeMac(data, buffer);
                var e = {|TA0020:buffer.SequenceEqual(expected)|};
                return a && b && c && d && e;
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
                var mac = hmac.ComputeMac(data);
                var a = CryptographicOperations.FixedTimeEquals(mac.AsSpan(), expected);
                var b = hmac.Verify(data, expected);
                var c = data.AsSpan().SequenceEqual(expected);
                var d = s == t;
                return a && b && c && d;
            }
        }
        """);
}
