using TypedAlg.Annotations;
using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>Every error path triggered against the real kernel.</summary>
public sealed class ErrorPathTests
{
    [Fact]
    public void UnknownAlgorithmNamesClosestOnes()
    {
        // Use cbc(aes) once so /proc/crypto lists the template instance.
        using (new SkcipherCore("cbc(aes)", new byte[16], 16, 16))
        {
        }

        var e = Assert.Throws<AlgorithmNotFoundException>(() => new SkcipherCore("cbc(aez)", new byte[16], 16, 16));
        Assert.Equal(2, e.Errno);
        Assert.Equal("cbc(aez)", e.Algorithm);
        Assert.Contains("cbc(aes)", e.ClosestNames);
        Assert.Contains(Kernel.Release, e.Message);
    }

    [Fact]
    public void WrongSocketTypeSaysWhatTheNameIs()
    {
        using (new HashCore("sha256", 32))
        {
        }

        var e = Assert.Throws<AlgorithmNotFoundException>(() => new SkcipherCore("sha256", new byte[16], 16, 16));
        Assert.Contains("'shash'", e.Message);
    }

    [Fact]
    public void BadKeyLengthIsArgumentExceptionWithAllowedSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => new SkcipherCore("cbc(aes)", new byte[17], 16, 16));
        Assert.Equal("key", e.ParamName);
        Assert.Contains("16..32", e.Message);
        Assert.Throws<ArgumentException>(() => new AeadCore("gcm(aes)", new byte[15], 12, 16));
    }

    [Fact]
    public void BadTagSizeIsArgumentException() =>
        Assert.Equal("tagSize", Assert.Throws<ArgumentException>(() => new AeadCore("gcm(aes)", new byte[16], 12, 5)).ParamName);

    [Fact]
    public void UnkeyedAlgorithmRefusesAKey() =>
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => new HashCore("sha256", 32, new byte[16])).ParamName);

    [Fact]
    public void KeyedHashWithoutKeyIsKeyNotSet()
    {
        using var mac = new HashCore("hmac(sha256)", 32);
        var e = Assert.Throws<KeyNotSetException>(() => mac.HashData("abc"u8, new byte[32]));
        Assert.Equal("hmac(sha256)", e.Algorithm);
    }

    [Fact]
    public void SpanSizesAreCheckedBeforeAnySystemCall()
    {
        using var cbc = new SkcipherCore("cbc(aes)", new byte[16], 16, 16);
        Assert.Equal("iv", Assert.Throws<ArgumentException>(() => cbc.Encrypt(new byte[15], new byte[16], new byte[16])).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentException>(() => cbc.Encrypt(new byte[16], new byte[17], new byte[17])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => cbc.Encrypt(new byte[16], new byte[32], new byte[16])).ParamName);
        var buffer = new byte[64];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => cbc.Encrypt(new byte[16], buffer.AsSpan(0, 32), buffer.AsSpan(16, 32))).ParamName);

        using var gcm = new AeadCore("gcm(aes)", new byte[16], 12, 16);
        Assert.Equal("nonce", Assert.Throws<ArgumentException>(() => gcm.Encrypt(new byte[8], default, default, new byte[16])).ParamName);
        Assert.Equal("tag", Assert.Throws<ArgumentException>(() => gcm.Encrypt(new byte[12], default, default, new byte[15])).ParamName);
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => gcm.Encrypt(new byte[12], new byte[5], new byte[4], new byte[16])).ParamName);
        Assert.Equal("plaintext", Assert.Throws<ArgumentException>(() => gcm.Decrypt(new byte[12], new byte[5], new byte[16], new byte[4])).ParamName);

        using var hash = new HashCore("sha256", 32);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => hash.HashData("a"u8, new byte[31])).ParamName);

        // The instances still work: nothing half-sent is left on their sockets.
        cbc.Encrypt(new byte[16], new byte[16], new byte[16]);
        hash.HashData("a"u8, new byte[32]);
    }

    [Fact]
    public void UseAfterDisposeThrowsAndDisposeIsIdempotent()
    {
        var hash = new HashCore("sha256", 32);
        hash.Dispose();
        hash.Dispose();
        Assert.Throws<ObjectDisposedException>(() => hash.HashData("a"u8, new byte[32]));
        var cbc = new SkcipherCore("cbc(aes)", new byte[16], 16, 16);
        cbc.Dispose();
        cbc.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cbc.Encrypt(new byte[16], new byte[16], new byte[16]));
        Assert.Throws<ObjectDisposedException>(() => cbc.CreateEncryptor(new byte[16]));
        var gcm = new AeadCore("gcm(aes)", new byte[16], 12, 16);
        gcm.Dispose();
        gcm.Dispose();
        Assert.Throws<ObjectDisposedException>(() => gcm.Encrypt(new byte[12], default, default, new byte[16]));
        if (ThisBoot.ServesDrbg)
        {
            var rng = new RngCore("stdrng");
            rng.Dispose();
            rng.Dispose();
            Assert.Throws<ObjectDisposedException>(() => rng.Fill(new byte[1]));
        }
    }

    [Fact]
    public void ConcurrentUseOfOneInstanceIsDetected()
    {
        using var hash = new HashCore("sha256", 32);

        // Deterministic: hold the instance as another operation would.
        hash.Socket.Enter(hash);
        try
        {
            Assert.Throws<InvalidOperationException>(() => hash.HashData("a"u8, new byte[32]));
        }
        finally
        {
            hash.Socket.Exit();
        }

        // Real threads: every call either gives the right digest or is refused; nothing is corrupted.
        var data = Inputs.Bytes(256 * 1024, 51);
        var expected = System.Security.Cryptography.SHA256.HashData(data);
        var refused = 0;
        Parallel.For(0, 4, _ =>
        {
            var digest = new byte[32];
            for (var i = 0; i < 10; i++)
            {
                try
                {
                    hash.HashData(data, digest);
                    Assert.Equal(expected, digest);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        });
        var after = new byte[32];
        hash.HashData(data, after);
        Assert.Equal(expected, after);
    }

    [Fact]
    public void IsSupportedProbesByBind()
    {
        Assert.True(KernelCrypto.IsAfAlgAvailable);
        Assert.True(KernelCrypto.IsSupported("sha256", KernelAlgorithmType.Hash));
        Assert.True(KernelCrypto.IsSupported("gcm(aes)", KernelAlgorithmType.Aead));
        Assert.False(KernelCrypto.IsSupported("sha256", KernelAlgorithmType.Skcipher));
        Assert.False(KernelCrypto.IsSupported("nope(aes)", KernelAlgorithmType.Skcipher));
        Assert.False(KernelCrypto.FipsEnabled);
    }

    [Fact]
    public void ProcCryptoListsWhatWasUsed()
    {
        using (new AeadCore("gcm(aes)", new byte[16], 12, 16))
        {
        }

        var entries = KernelCrypto.ReadProcCrypto();
        var gcm = ProcCrypto.FindEntry("gcm(aes)", entries);
        Assert.NotNull(gcm);
        Assert.Equal("aead", gcm.Type);
        Assert.Equal(entries.Where(x => x.Name == "gcm(aes)").Max(x => x.Priority), gcm.Priority);
        Assert.Equal(12, gcm.IvSize);
        Assert.Equal(16, gcm.MaxAuthSize);
        Assert.Contains(entries, e => e.Name == "sha256" && e.DigestSize == 32);
    }
}
