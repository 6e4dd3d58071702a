using System.Text.Json;
using Xunit;

namespace TypedAlg.Cli.Tests;

/// <summary>typedalg doctor --backend: which backend each class of the default manifest would get under a policy.</summary>
public sealed class DoctorBackendTests
{
    [Fact]
    public void ManagedPolicyServesEveryMappedClassAndSaysWhyTheOthersAreNot()
    {
        var result = CliRunner.Run("doctor", "--backend", "Managed", "--json");
        var root = JsonDocument.Parse(result.Text).RootElement;
        Assert.Equal("Managed", root.GetProperty("backendPolicy").GetString());
        var classes = root.GetProperty("classes").EnumerateArray().ToDictionary(c => c.GetProperty("class").GetString()!);
        foreach (var name in new[] { "GcmAes", "CcmAes", "CbcAes", "CtrAes", "EcbAes", "Sha256", "HmacSha256", "CmacAes", "Md5" })
        {
            Assert.True(classes[name].GetProperty("works").GetBoolean(), name);
            Assert.Equal("Managed", classes[name].GetProperty("backend").GetString());
        }

        Assert.False(classes["XtsAes"].GetProperty("works").GetBoolean());
        Assert.Contains(".NET has no XTS mode", classes["XtsAes"].GetProperty("noManagedReason").GetString());
        Assert.Contains("SP 800-90A", classes["DrbgNoprSha256"].GetProperty("noManagedReason").GetString());
        Assert.Equal(1, result.ExitCode); // not every class works
    }

    [Fact]
    public void TextNamesTheBackendOfEveryWorkingClass()
    {
        var text = CliRunner.Run("doctor", "--backend", "Managed").Text;
        Assert.Contains("backend       Managed", text);
        Assert.Matches(@"GcmAes\s+works\s+gcm\(aes\)\s+backend Managed", text);
        Assert.Matches(@"XtsAes\s+REFUSED\s+xts\(aes\): .*No managed fallback: \.NET has no XTS mode", text);
    }
}
