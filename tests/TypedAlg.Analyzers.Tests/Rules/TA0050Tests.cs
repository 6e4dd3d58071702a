using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.NotDisposedAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0050Tests
{
    [Fact]
    public Task NotDisposed() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(GcmAes.Key128 key, byte[] data)
            {
                var gcm = {|#0:new GcmAes(key)|};
                {|TA0050:new Sha256()|}.Append(data);
                var fromKeyring = {|TA0050:GcmAes.FromKeyring(42)|};
                {|TA0050:new Sha256()|};
            }
        }
        """,
        VerifyCS.Diagnostic("TA0050").WithLocation(0).WithArguments("GcmAes"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            GcmAes? _field;
            GcmAes Create(GcmAes.Key128 key) => new GcmAes(key);
            void Use(GcmAes g) { }
            void M(GcmAes.Key128 key, byte[] data)
            {
                using var a = new GcmAes(key);
                using (var b = new GcmAes(key)) { }
                var c = new GcmAes(key);
                c.Dispose();
                var d = new GcmAes(key);
                try { } finally { d?.Dispose(); }
                _field = new GcmAes(key);
                Use(new GcmAes(key));
                var e = new GcmAes(key);
                using (e) { }
                var f = new GcmAes(key);
                _field = f;
                var g = Sha256.Hash(data);
                new GcmAes(key).Dispose();
                new Sha256()?.Dispose();
            }
        }
        """);
}
