using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.TruncatedTagAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0031Tests
{
    [Fact]
    public Task ShortTagsAndMacs() => VerifyCS.AnalyzeAsync("""
        class C
        {
            bool M(HmacSha256 hmac, byte[] data, byte[] received)
            {
                var t = GcmAes.Tag.Create({|#0:received.AsSpan(0, 8)|});
                var ok = hmac.Verify(data, {|TA0031:received.AsSpan(0, 10)|});
                var mac = hmac.ComputeMac(data);
                var shortMac = {|#1:mac.AsSpan()[..8]|};
                return ok && shortMac.Length > 0;
            }
        }
        """,
        VerifyCS.Diagnostic("TA0031").WithLocation(0).WithArguments("tag", 8, 12),
        VerifyCS.Diagnostic("TA0031").WithLocation(1).WithArguments("MAC", 8, 16));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            bool M(HmacSha256 hmac, byte[] data, byte[] received)
            {
                var t = GcmAes.Tag.Create(received.AsSpan(0, 12));
                var u = GcmAes.Tag.Create(received);
                var ok = hmac.Verify(data, received.AsSpan(0, 16));
                var mac = hmac.ComputeMac(data);
                var full = mac.AsSpan()[..32];
                var digest = Sha256.HashData(data).AsSpan()[..8];
                var slice = data.AsSpan()[..4];
                return ok && full.Length + digest.Length + slice.Length > 0;
            }
        }
        """);
}
