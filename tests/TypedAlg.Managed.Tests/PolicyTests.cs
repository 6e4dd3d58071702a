using TypedAlg.Manifest;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Managed.Tests;

/// <summary>What has no managed backend says why; the managed table is the shared list; the choice is per instance.</summary>
public sealed class PolicyTests
{
    [Fact]
    public void XtsHasNoManagedBackendAndSaysWhy()
    {
        var e = Assert.Throws<NoManagedBackendException>(() => new XtsAes(XtsAes.Key256.Random(), BackendPolicy.Managed));
        Assert.Contains(".NET has no XTS mode", e.Message);
        Assert.Equal("xts(aes)", e.Algorithm);
    }

    [Fact]
    public void DrbgsHaveNoManagedBackendAndSayWhy()
    {
        var e = Assert.Throws<NoManagedBackendException>(() => new DrbgNoprSha256(BackendPolicy.Managed));
        Assert.Contains("SP 800-90A", e.Message);
        Assert.Contains("RandomNumberGenerator", e.Message);
        Assert.Throws<NoManagedBackendException>(() => StdRng.FillShared(new byte[16]));
    }

    [Fact]
    public void InstancesOnTheManagedPolicySayManaged()
    {
        using var gcm = new GcmAes(GcmAes.Key128.Random(), BackendPolicy.Managed);
        using var sha = new Sha256();
        Assert.Equal(Backend.Managed, gcm.Backend);
        Assert.Equal(Backend.Managed, sha.Backend);
        Assert.Equal(BackendPolicy.Managed, Sha256.DefaultBackendPolicy);
        using var clone = sha.Clone();
        Assert.Equal(Backend.Managed, clone.Backend);

        // Driver names what serves a managed instance, as it names the kernel driver of a kernel one.
        Assert.Equal("System.Security.Cryptography.AesGcm", gcm.Driver);
        Assert.Equal("System.Security.Cryptography.IncrementalHash (SHA256)", sha.Driver);
        Assert.Equal(sha.Driver, clone.Driver);
        using var hmac = new HmacSha256(new byte[32], BackendPolicy.Managed);
        Assert.Equal("System.Security.Cryptography.IncrementalHash (HMACSHA256)", hmac.Driver);
        using var ctr = new CtrAes(CtrAes.Key128.Random(), BackendPolicy.Managed);
        Assert.StartsWith("TypedAlg.Managed AES-CTR", ctr.Driver, StringComparison.Ordinal);
    }

    [Fact]
    public void TheManagedTableIsTheSharedList()
        => Assert.Equal(ManagedFallback.Names.Order(), ManagedAlgorithms.Names.Order());

    [Fact]
    public void AWrongKeyIsNotAReasonToFallBack()
    {
        // The managed core refuses a bad key as the kernel does (a CryptographicException), and a fallback policy
        // never turns a kernel key error into a managed instance: only AlgorithmUnavailableException falls back.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => ManagedBackends.OpenAead("gcm(aes)", new byte[15], 12, 16, BackendPolicy.Managed, out _));
    }

    [Fact]
    public void KeyedHashAlgorithmRekeysOnTheSameBackend()
    {
        using var hmac = new HmacSha256(new byte[32], BackendPolicy.Managed);
        using var adapter = hmac.CreateKeyedHashAlgorithm();
        var key = new byte[40];
        key[0] = 7;
        adapter.Key = key;
        Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, "abc"u8), adapter.ComputeHash("abc"u8.ToArray()));
    }
}
