using System.Security.Cryptography;
using TypedAlg.Runtime.Interop;
using Xunit;

namespace TypedAlg.Runtime.Tests;

/// <summary>Every errno from af_alg-facts.md maps to a specific exception with an actionable message.</summary>
public sealed class ErrorMappingTests
{
    [Fact]
    public void NoAfAlgNamesTheConfigOptionAndModule()
    {
        var e = Assert.IsType<AfAlgUnavailableException>(KernelErrors.Create(Errno.EAFNOSUPPORT, AlgCall.Socket, "aead", "gcm(aes)", new KernelSnapshot()));
        Assert.Contains("CONFIG_CRYPTO_USER_API_AEAD", e.Message);
        Assert.Contains("algif_aead", e.Message);
        Assert.Equal(Errno.EAFNOSUPPORT, e.Errno);
    }

    [Fact]
    public void ErrnoTextsAreGlibcsWithTheSymbolicName()
    {
        Assert.Equal("Too many open files (EMFILE, errno 24)", Errno.Describe(Errno.EMFILE));
        Assert.Equal("errno 4095", Errno.Describe(4095));
        var named = 0;
        for (var errno = 1; errno < 134; errno++)
        {
            var described = Errno.Describe(errno);
            if (described != $"errno {errno}")
            {
                // The table's text is the C library's (this host runs glibc), so messages read as they did with strerror.
                Assert.StartsWith(System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno) + " (E", described);
                named++;
            }
        }

        Assert.True(named >= 35, $"{named} errnos named");
    }

    [Fact]
    public void OutOfDescriptorsNamesTheLimitWithoutCallingStrerror()
    {
        var e = Assert.IsType<KernelCryptoException>(KernelErrors.Create(Errno.EMFILE, AlgCall.Accept, "hash", "sha256", new KernelSnapshot()));
        Assert.Contains("RLIMIT_NOFILE", e.Message);
        Assert.Contains("(EMFILE, errno 24)", e.Message);
    }

    [Fact]
    public void MissingKeyIsKeyNotSet()
    {
        var e = Assert.IsType<KeyNotSetException>(KernelErrors.Create(Errno.ENOKEY, AlgCall.Receive, "hash", "hmac(sha256)", new KernelSnapshot()));
        Assert.Equal("hmac(sha256)", e.Algorithm);
        Assert.Equal(Errno.ENOKEY, e.Errno);
    }

    [Fact]
    public void KeyChangeAfterAcceptIsKeyInUse() =>
        Assert.IsType<KeyInUseException>(KernelErrors.Create(Errno.EBUSY, AlgCall.SetKey, "skcipher", "cbc(aes)", new KernelSnapshot()));

    [Fact]
    public void BadTagIsAuthenticationTagMismatch() =>
        Assert.IsType<AuthenticationTagMismatchException>(KernelErrors.Create(Errno.EBADMSG, AlgCall.Receive, "aead", "gcm(aes)", new KernelSnapshot()));

    [Fact]
    public void KeySerialOnOldKernelNamesLinux62()
    {
        var e = Assert.IsType<NotSupportedException>(KernelErrors.Create(Errno.ENOPROTOOPT, AlgCall.SetKeySerial, "hash", "hmac(sha256)", new KernelSnapshot(), 5));
        Assert.Contains("6.2", e.Message);
        Assert.Contains(KernelEnvironment.Release, e.Message);
    }

    [Theory]
    [InlineData(Errno.EKEYREVOKED, "revoked")]
    [InlineData(Errno.EKEYEXPIRED, "expired")]
    [InlineData(Errno.EACCES, "search")]
    [InlineData(Errno.ENOKEY, "does not exist")]
    public void KeyringProblemsAreKeyringKeyExceptions(int errno, string phrase)
    {
        var e = Assert.IsType<KeyringKeyException>(KernelErrors.Create(errno, AlgCall.SetKeySerial, "skcipher", "cbc(aes)", new KernelSnapshot(), 42));
        Assert.Equal(42, e.KeySerial);
        Assert.Equal(errno, e.Errno);
        Assert.Contains(phrase, e.Message);
    }

    [Fact]
    public void BadKeyLengthIsArgumentExceptionOnKey()
    {
        var e = Assert.IsType<ArgumentException>(KernelErrors.Create(Errno.EINVAL, AlgCall.SetKey, "skcipher", "cbc(aes)", new KernelSnapshot()));
        Assert.Equal("key", e.ParamName);
    }

    [Fact]
    public void OversizedKeyNamesOptmem()
    {
        var e = Assert.IsType<ArgumentException>(KernelErrors.Create(Errno.ENOMEM, AlgCall.SetKey, "hash", "hmac(sha256)", new KernelSnapshot()));
        Assert.Contains("optmem_max", e.Message);
    }

    [Fact]
    public void BadTagSizeIsArgumentExceptionOnTagSize() =>
        Assert.Equal("tagSize", Assert.IsType<ArgumentException>(KernelErrors.Create(Errno.EINVAL, AlgCall.SetAuthSize, "aead", "gcm(aes)", new KernelSnapshot())).ParamName);

    [Fact]
    public void DrbgEntropyWithoutCavpIsNotSupported()
    {
        var e = Assert.IsType<NotSupportedException>(KernelErrors.Create(Errno.ENOPROTOOPT, AlgCall.SetEntropy, "rng", "drbg_nopr_hmac_sha256", new KernelSnapshot()));
        Assert.Contains("CONFIG_CRYPTO_USER_API_RNG_CAVP", e.Message);
    }

    [Fact]
    public void UnseededDrbgSaysSo()
    {
        var e = Assert.IsType<KernelCryptoException>(KernelErrors.Create(Errno.EINVAL, AlgCall.Receive, "rng", "drbg_nopr_hmac_sha256", new KernelSnapshot()));
        Assert.Contains("not seeded", e.Message);
    }

    [Fact]
    public void ConcurrentKernelSendIsExplained()
    {
        var e = Assert.IsType<KernelCryptoException>(KernelErrors.Create(Errno.EBUSY, AlgCall.Send, "skcipher", "cbc(aes)", new KernelSnapshot()));
        Assert.Contains("another thread", e.Message);
    }

    [Fact]
    public void BindEnoentWithoutTheModuleNamesTheModule()
    {
        // The host has no algif_* modules loaded at all, so ENOENT must be blamed on the module.
        Assert.False(Directory.Exists("/sys/module/algif_aead"));
        var e = Assert.IsType<AlgorithmTypeUnavailableException>(KernelErrors.Create(Errno.ENOENT, AlgCall.Bind, "aead", "gcm(aes)", new KernelSnapshot()));
        Assert.Equal("algif_aead", e.ModuleName);
        Assert.Contains("CONFIG_CRYPTO_USER_API_AEAD", e.Message);
        Assert.Contains("blacklist", e.Message);
    }

    [Fact]
    public void UnknownErrnoKeepsTheCodeAndText()
    {
        var e = Assert.IsType<KernelCryptoException>(KernelErrors.Create(Errno.EFAULT, AlgCall.Send, "hash", "sha256", new KernelSnapshot()));
        Assert.Equal(Errno.EFAULT, e.Errno);
        Assert.Contains("errno 14", e.Message);
    }

    [Fact]
    public void KernelCryptoExceptionIsACryptographicException() =>
        Assert.IsAssignableFrom<CryptographicException>(new KernelCryptoException("x", 1, null));
}
