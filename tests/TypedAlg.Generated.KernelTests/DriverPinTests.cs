using System.Security.Cryptography;
using TypedAlg.Generated.KernelTests.Drivers;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>
/// Issue 17 beyond skcipher: AEAD, hash and MAC classes bind a pinned driver (from the manifest or chosen at run time)
/// and report the missing one as <see cref="DriverUnavailableException"/>, on every kernel of the matrix.
/// </summary>
public sealed class DriverPinTests
{
    [Fact]
    public void AeadPinnedAtRunTimeToItsOwnDriverGivesTheSameOutput()
    {
        var key = GcmAes.Key128.Random();
        var nonce = GcmAes.Nonce.Random();
        var plaintext = RandomNumberGenerator.GetBytes(3000);
        using var standard = new GcmAes(key);
        using var pinned = new GcmAes(key, DriverSelection.Named(standard.Driver));
        Assert.Equal(standard.Driver, pinned.Driver);

        var expected = new byte[plaintext.Length];
        var actual = new byte[plaintext.Length];
        standard.Encrypt(nonce, plaintext, expected, out var expectedTag);
        pinned.Encrypt(nonce, plaintext, actual, out var actualTag);
        Assert.Equal(expected, actual);
        Assert.True(expectedTag == actualTag);
        Assert.True(GcmAes.IsSupported);
    }

    [Fact]
    public void HashAndMacPinnedAtRunTimeToTheirOwnDriversGiveTheSameOutput()
    {
        var data = RandomNumberGenerator.GetBytes(5000);
        using var sha = new Sha256();
        using var pinnedSha = new Sha256(DriverSelection.Named(sha.Driver));
        Assert.Equal(sha.Driver, pinnedSha.Driver);
        pinnedSha.Append(data);
        Assert.Equal(SHA256.HashData(data), pinnedSha.GetHashAndReset().AsSpan().ToArray());

        var hmacKey = RandomNumberGenerator.GetBytes(32);
        using var hmac = new HmacSha256(hmacKey);
        using var pinnedHmac = new HmacSha256(hmacKey, DriverSelection.Named(hmac.Driver));
        Assert.Equal(hmac.Driver, pinnedHmac.Driver);
        Assert.Equal(HMACSHA256.HashData(hmacKey, data), pinnedHmac.Compute(data).AsSpan().ToArray());

        // The KeyedHashAlgorithm view rekeys on a new socket: it must bind the same pinned driver.
        using var view = pinnedHmac.CreateKeyedHashAlgorithm();
        var otherKey = RandomNumberGenerator.GetBytes(40);
        view.Key = otherKey;
        Assert.Equal(HMACSHA256.HashData(otherKey, data), view.ComputeHash(data));
    }

    [Fact]
    public void HashPinnedToAMissingDriverNamesTheDriversThatImplementIt()
    {
        using var sha = new Sha256();
        var error = Assert.IsType<DriverUnavailableException>(Record.Exception(() => new EngineSha256()));
        Assert.Equal("sha256-contoso-engine", error.Selection.Driver);
        Assert.Equal("sha256", error.Algorithm);
        Assert.Contains(sha.Driver, error.AvailableDrivers);
        Assert.Contains("sha256-contoso-engine", error.Message, StringComparison.Ordinal);
        Assert.Contains("Drivers that implement 'sha256' here: ", error.Message, StringComparison.Ordinal);

        // The static one-shot binds the pin too (never the kernel's choice behind the manifest's back).
        Assert.IsType<DriverUnavailableException>(Record.Exception(() => EngineSha256.Hash("abc"u8)));
        Assert.False(EngineSha256.IsSupported);
    }

    [Fact]
    public void MacPinnedToAMissingDriverIsRefusedByEveryEntryPoint()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var hmac = new HmacSha256(key);
        var error = Assert.IsType<DriverUnavailableException>(Record.Exception(() => new EngineHmacSha256(key)));
        Assert.Equal("hmac(sha256)", error.Algorithm);
        Assert.Contains(hmac.Driver, error.AvailableDrivers);
        Assert.IsType<DriverUnavailableException>(Record.Exception(() => EngineHmacSha256.Compute(key, "abc"u8)));
        Assert.False(EngineHmacSha256.IsSupported);
    }

    [Fact]
    public void HardwareOnlyAeadIsRefusedWhereNoEngineIsPresent()
    {
        var error = Assert.IsType<DriverUnavailableException>(Record.Exception(() => new HardwareGcmAes(HardwareGcmAes.Key128.Random())));
        Assert.True(error.Selection.HardwareOnly);
        Assert.Equal("gcm(aes)", error.Algorithm);
        Assert.Contains("CRYPTO_ALG_KERN_DRIVER_ONLY", error.Message, StringComparison.Ordinal);
        DriverTestFacts.AssertOffCpuNote(error);
        Assert.False(HardwareGcmAes.IsSupported);
        Assert.False(HardwareCbcAes.IsSupported);
        Assert.False(VirtioCbcAes.IsSupported);
    }
}
