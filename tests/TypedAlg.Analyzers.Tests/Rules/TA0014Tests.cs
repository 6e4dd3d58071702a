using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.ConstantPersonalizationAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0014Tests
{
    [Fact]
    public Task ConstantPersonalization() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M()
            {
                using var a = new DrbgNoprSha256({|#0:"my-app"u8|});
                using var b = new DrbgNoprSha256({|#1:Encoding.UTF8.GetBytes("my-app")|});
            }
        }
        """,
        new DiagnosticResult("TA0014", DiagnosticSeverity.Info).WithLocation(0).WithArguments("new DrbgNoprSha256"),
        new DiagnosticResult("TA0014", DiagnosticSeverity.Info).WithLocation(1).WithArguments("new DrbgNoprSha256"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M()
            {
                using var a = new DrbgNoprSha256(Encoding.UTF8.GetBytes(Environment.MachineName + Environment.ProcessId));
                using var b = new DrbgNoprSha256();
            }
        }
        """);
}
