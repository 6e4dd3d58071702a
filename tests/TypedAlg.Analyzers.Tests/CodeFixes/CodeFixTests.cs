using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using TypedAlg.CodeFixes;

namespace TypedAlg.Analyzers.Tests.CodeFixes;

/// <summary>Each fix on two diagnostics in one document, so the framework's fix-all passes have work to do.</summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task RandomNonce() => VerifyFix<ConstantNonceAnalyzer, ConstantNonceCodeFix>.FixAsync("""
        class C
        {
            void M(GcmAes gcm, byte[] ct)
            {
                var n = GcmAes.Nonce.Create({|#0:new byte[12]|});
                var iv = CbcAes.Iv.Create({|#1:"0123456789abcdef"u8|});
                gcm.Encrypt({|#2:default|}, "hi"u8, ct, out var tag);
            }
        }
        """, """
        class C
        {
            void M(GcmAes gcm, byte[] ct)
            {
                var n = GcmAes.Nonce.Random();
                var iv = CbcAes.Iv.Random();
                gcm.Encrypt(GcmAes.Nonce.Random(), "hi"u8, ct, out var tag);
            }
        }
        """,
        new DiagnosticResult("TA0011", DiagnosticSeverity.Error).WithLocation(0).WithArguments("nonce", "GcmAes.Nonce.Create"),
        new DiagnosticResult("TA0011", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("IV", "CbcAes.Iv.Create"),
        new DiagnosticResult("TA0011", DiagnosticSeverity.Error).WithLocation(2).WithArguments("nonce", "GcmAes.Encrypt"));

    [Fact]
    public Task FixedTimeEquals() => VerifyFix<VariableTimeComparisonAnalyzer, VariableTimeComparisonCodeFix>.FixAsync("""
        class C
        {
            bool M(HmacSha256 hmac, byte[] data, byte[] expected)
            {
                var mac = hmac.Compute(data);
                var a = {|TA0020:mac.AsSpan().SequenceEqual(expected)|};
                var b = !{|TA0020:MemoryExtensions.SequenceEqual(expected.AsSpan(), mac.AsSpan())|};
                return a && b;
            }
        }
        """, """
        class C
        {
            bool M(HmacSha256 hmac, byte[] data, byte[] expected)
            {
                var mac = hmac.Compute(data);
                var a = CryptographicOperations.FixedTimeEquals(mac.AsSpan(), expected);
                var b = !CryptographicOperations.FixedTimeEquals(expected.AsSpan(), mac.AsSpan());
                return a && b;
            }
        }
        """);

    [Fact]
    public Task CheckAuthenticationResult() => VerifyFix<AuthenticationResultIgnoredAnalyzer, AuthenticationResultIgnoredCodeFix>.FixAsync("""
        class C
        {
            void M(GcmAes gcm, GcmAes.Nonce n, GcmAes.Tag t, byte[] ct, byte[] pt, HmacSha256 hmac, HmacSha256.Mac m)
            {
                {|TA0021:gcm.TryDecrypt(n, ct, t, pt)|};
                _ = {|TA0021:hmac.Verify(ct, m)|};
            }
        }
        """, """
        class C
        {
            void M(GcmAes gcm, GcmAes.Nonce n, GcmAes.Tag t, byte[] ct, byte[] pt, HmacSha256 hmac, HmacSha256.Mac m)
            {
                if (!gcm.TryDecrypt(n, ct, t, pt))
                {
                    throw new AuthenticationTagMismatchException();
                }
                if (!hmac.Verify(ct, m))
                {
                    throw new AuthenticationTagMismatchException();
                }
            }
        }
        """);

    [Fact]
    public Task FullLengthTag() => VerifyFix<TruncatedTagAnalyzer, TruncatedTagCodeFix>.FixAsync("""
        class C
        {
            int M(HmacSha256 hmac, byte[] data)
            {
                var mac = hmac.Compute(data);
                var a = {|TA0031:mac.AsSpan()[..8]|};
                var b = {|TA0031:mac.AsSpan().Slice(0, 10)|};
                return a.Length + b.Length;
            }
        }
        """, """
        class C
        {
            int M(HmacSha256 hmac, byte[] data)
            {
                var mac = hmac.Compute(data);
                var a = mac.AsSpan();
                var b = mac.AsSpan();
                return a.Length + b.Length;
            }
        }
        """);

    [Fact]
    public Task AddUsing() => VerifyFix<NotDisposedAnalyzer, NotDisposedCodeFix>.FixAsync("""
        class C
        {
            void M(GcmAes.Key128 key, byte[] data)
            {
                // the cipher
                var gcm = {|TA0050:new GcmAes(key)|};
                var sha = {|TA0050:new Sha256()|};
                sha.Append(data);
                {|TA0050:new Sha256()|}.Append(data);
            }
        }
        """, """
        class C
        {
            void M(GcmAes.Key128 key, byte[] data)
            {
                // the cipher
                using var gcm = new GcmAes(key);
                using var sha = new Sha256();
                sha.Append(data);
                {|TA0050:new Sha256()|}.Append(data);
            }
        }
        """);
}
