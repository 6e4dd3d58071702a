using System.Runtime.InteropServices;
using Xunit;

namespace TypedAlg.Runtime.Tests;

/// <summary>Host facts the test split relies on.</summary>
public sealed class HostEnvironmentTest
{
    [Fact]
    public void HostIsLinuxX64()
    {
        Assert.True(OperatingSystem.IsLinux());
        Assert.Equal(Architecture.X64, RuntimeInformation.ProcessArchitecture);
    }
}
