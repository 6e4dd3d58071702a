using TypedAlg.Annotations;
using Xunit;

namespace TypedAlg.Runtime.Tests;

/// <summary>
/// On the host (no AF_ALG), bad arguments must fail with ArgumentException before any system call, and good
/// ones with the clear "no AF_ALG" exception.
/// </summary>
public sealed class HostBehaviourTests
{
    /// <summary>Why the AF_ALG-absent checks do not run on a host that has AF_ALG.</summary>
    internal const string HostHasAfAlg =
        "this host's kernel has AF_ALG; the AF_ALG-absent behaviour is proven in the guest boot without af_alg (WithoutAfAlgFaultTests)";

    [Fact]
    public void HostHasNoAfAlg()
    {
        Assert.SkipWhen(KernelCrypto.IsAfAlgAvailable, HostHasAfAlg);
        Assert.False(KernelCrypto.IsAfAlgAvailable);
        Assert.False(KernelCrypto.IsSupported("sha256", KernelAlgorithmType.Hash));
    }

    [Fact]
    public void ValidArgumentsReachTheKernelAndGetTheNoAfAlgMessage()
    {
        Assert.SkipWhen(KernelCrypto.IsAfAlgAvailable, HostHasAfAlg);
        var e = Assert.Throws<AfAlgUnavailableException>(() => new HashCore("sha256", 32));
        Assert.Contains("CONFIG_CRYPTO_USER_API_HASH", e.Message);
        Assert.Throws<AfAlgUnavailableException>(() => new SkcipherCore("cbc(aes)", new byte[16], 16, 16));
        Assert.Throws<AfAlgUnavailableException>(() => new AeadCore("gcm(aes)", new byte[16], 12, 16));
        Assert.Throws<AfAlgUnavailableException>(() => new RngCore("stdrng"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("cbc(aes) ")]
    [InlineData("sha\u00e9")]
    [InlineData("sha\0")]
    public void BadAlgorithmNamesAreRejectedFirst(string name)
    {
        Assert.Equal("algorithm", Assert.Throws<ArgumentException>(() => new HashCore(name, 32)).ParamName);
        Assert.Equal("algorithm", Assert.Throws<ArgumentException>(() => new SkcipherCore(name, new byte[16], 16, 16)).ParamName);
        Assert.Equal("algorithm", Assert.Throws<ArgumentException>(() => new AeadCore(name, new byte[16], 12, 16)).ParamName);
        Assert.Equal("algorithm", Assert.Throws<ArgumentException>(() => new RngCore(name)).ParamName);
        Assert.Throws<ArgumentException>(() => KernelCrypto.IsSupported(name, KernelAlgorithmType.Hash));
    }

    [Fact]
    public void OverlongNameIsRejectedWithTheLimit()
    {
        var e = Assert.Throws<ArgumentException>(() => new HashCore(new string('a', 104), 32));
        Assert.Contains("103", e.Message);
    }

    [Fact]
    public void SizesOutOfRangeAreRejectedFirst()
    {
        Assert.Equal("digestSize", Assert.Throws<ArgumentOutOfRangeException>(() => new HashCore("sha256", 0)).ParamName);
        Assert.Equal("ivSize", Assert.Throws<ArgumentOutOfRangeException>(() => new SkcipherCore("cbc(aes)", new byte[16], -1, 16)).ParamName);
        Assert.Equal("blockSize", Assert.Throws<ArgumentOutOfRangeException>(() => new SkcipherCore("cbc(aes)", new byte[16], 16, 0)).ParamName);
        Assert.Equal("nonceSize", Assert.Throws<ArgumentOutOfRangeException>(() => new AeadCore("gcm(aes)", new byte[16], 0, 16)).ParamName);
        Assert.Equal("tagSize", Assert.Throws<ArgumentOutOfRangeException>(() => new AeadCore("gcm(aes)", new byte[16], 12, 0)).ParamName);
    }

    [Fact]
    public void KeySerialMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HashCore.FromKeySerial("hmac(sha256)", 32, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SkcipherCore.FromKeySerial("cbc(aes)", -5, 16, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => AeadCore.FromKeySerial("gcm(aes)", 0, 12, 16));
    }

    [Fact]
    public void StaticOneShotsCheckTheDestinationFirst()
    {
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => HashCore.HashData("sha256", 32, [1, 2, 3], new byte[31])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => HashCore.MacData("hmac(sha256)", 32, new byte[32], [1], new byte[16])).ParamName);
    }

    [Fact]
    public void EntropyMustNotBeEmpty() =>
        Assert.Equal("entropy", Assert.Throws<ArgumentException>(() => RngCore.CreateWithTestEntropy("drbg_nopr_hmac_sha256", default, default)).ParamName);

    [Fact]
    public void KeyringArgumentsAreCheckedFirst()
    {
        Assert.Equal("description", Assert.Throws<ArgumentException>(() => Keyring.AddKey("logon", "nocolon", [1])).ParamName);
        Assert.Equal("payload", Assert.Throws<ArgumentException>(() => Keyring.AddKey("user", "k", default)).ParamName);
        Assert.Equal("payload", Assert.Throws<ArgumentException>(() => Keyring.AddKey("user", "k", new byte[32768])).ParamName);
    }

    [Fact]
    public void ZeroCopyThresholdMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TypedAlgOptions.ZeroCopyThreshold = 0);

    [Fact]
    public void SocketTypeNamesMatchSalgType()
    {
        Assert.Equal("hash", KernelCrypto.SocketType(KernelAlgorithmType.Hash));
        Assert.Equal("skcipher", KernelCrypto.SocketType(KernelAlgorithmType.Skcipher));
        Assert.Equal("aead", KernelCrypto.SocketType(KernelAlgorithmType.Aead));
        Assert.Equal("rng", KernelCrypto.SocketType(KernelAlgorithmType.Rng));
    }
}
