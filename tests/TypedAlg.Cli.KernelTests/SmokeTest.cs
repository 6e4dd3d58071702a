using Xunit;

namespace TypedAlg.Cli.KernelTests;

public sealed class SmokeTest
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(SmokeTest).Assembly);
}
