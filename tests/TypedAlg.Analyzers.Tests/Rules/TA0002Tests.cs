using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.BlockSizeOrDestinationAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0002Tests
{
    [Fact]
    public Task InputNotBlockMultiple() => VerifyCS.AnalyzeAsync("""
        class C { void M(CbcAes cbc, CbcAes.Iv iv, byte[] output) { cbc.Encrypt(iv, {|#0:new byte[20]|}, output); } }
        """,
        new DiagnosticResult("TA0002", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("'plaintext' of 'CbcAes.Encrypt' must be a multiple of the 16-byte block size, but this argument is 20 bytes"));

    [Fact]
    public Task DestinationTooSmall() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes gcm, GcmAes.Nonce nonce, CbcAes cbc, CbcAes.Iv iv)
            {
                gcm.Encrypt(nonce, "hello world"u8, {|#0:new byte[5]|}, out var tag);
                Span<byte> output = stackalloc byte[16];
                cbc.Decrypt(iv, new byte[32], {|#1:output|});
            }
        }
        """,
        new DiagnosticResult("TA0002", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("'ciphertext' of 'GcmAes.Encrypt' must hold at least 11 bytes, but this argument is 5 bytes"),
        new DiagnosticResult("TA0002", DiagnosticSeverity.Error).WithLocation(1)
            .WithArguments("'plaintext' of 'CbcAes.Decrypt' must hold at least 32 bytes, but this argument is 16 bytes"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes gcm, GcmAes.Nonce nonce, CbcAes cbc, CbcAes.Iv iv, byte[] data, byte[] output)
            {
                cbc.Encrypt(iv, new byte[32], new byte[32]);
                cbc.Encrypt(iv, data, new byte[5]);
                cbc.Encrypt(iv, new byte[48], output);
                gcm.Encrypt(nonce, "hello world"u8, new byte[11], out var tag);
                gcm.Encrypt(nonce, "hello world"u8, new byte[64], out tag);
            }
        }
        """);
}
