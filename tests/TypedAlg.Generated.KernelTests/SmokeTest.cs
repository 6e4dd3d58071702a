using Xunit;

namespace TypedAlg.Generated.KernelTests;

public sealed class SmokeTest
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(SmokeTest).Assembly);
}
