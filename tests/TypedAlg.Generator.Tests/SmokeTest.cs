using Xunit;

namespace TypedAlg.Generator.Tests;

public sealed class SmokeTest
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(SmokeTest).Assembly);
}
