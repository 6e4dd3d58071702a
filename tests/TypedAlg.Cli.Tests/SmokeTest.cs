using Xunit;

namespace TypedAlg.Cli.Tests;

public sealed class SmokeTest
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(SmokeTest).Assembly);
}
