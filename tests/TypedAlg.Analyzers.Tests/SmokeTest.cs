using Xunit;

namespace TypedAlg.Analyzers.Tests;

public sealed class SmokeTest
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(SmokeTest).Assembly);
}
