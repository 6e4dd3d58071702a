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
                // The edge-case manifest's GCM with an 8-byte tag: [ByteLength(8)] allows it, so TA0001 is silent.
                var t = Contoso.Crypto.Kernel.GcmAesShortTag.Tag.Create({|#0:received.AsSpan(0, 8)|});
                var mac = hmac.Compute(data);
                var shortMac = {|#1:mac.AsSpan()[..8]|};
                return shortMac.Length > 0;
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
                var t = GcmAes.Tag.Create(received.AsSpan(0, 16));
                var u = GcmAes.Tag.Create(received);
                var ok = hmac.Verify(data, HmacSha256.Mac.Create(received.AsSpan(0, 32)));
                var mac = hmac.Compute(data);
                var full = mac.AsSpan()[..32];
                var digest = Sha256.Hash(data).AsSpan()[..8];
                var slice = data.AsSpan()[..4];
                return ok && full.Length + digest.Length + slice.Length > 0;
            }
        }
        """);

    [Fact]
    public Task TruncatedVerifyAgreesWithTheRunTimeMinimum() => VerifyCS.AnalyzeAsync("""
        class C
        {
            bool M(HmacSha256 hmac, byte[] data, byte[] received)
            {
                var mac = hmac.Compute(data);
                // Verify(data, ReadOnlySpan<byte>) takes 16 bytes and up ([ByteLength(Minimum = 16)]): below that TA0001
                // reports a constant length (not this rule), and this rule reports a slice of a MAC value.
                var atMinimum = hmac.Verify(data, received.AsSpan(0, 16));
                var whole = hmac.Verify(data, mac.AsSpan());
                var refused = hmac.Verify(data, received.AsSpan(0, 12));
                var sliced = hmac.Verify(data, {|#0:mac.AsSpan()[..12]|});
                return atMinimum && whole && refused && sliced;
            }
        }
        """,
        VerifyCS.Diagnostic("TA0031").WithLocation(0).WithArguments("MAC", 12, 16));
}
