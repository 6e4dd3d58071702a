using System.Security.Cryptography;
using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// Issue 14, findings 2 and 5: a message that fails part-way (here: an errno outside the zero-copy fallback list,
/// injected by seccomp) must not leave anything in the kernel that the next message on the same instance, or on the
/// per-thread cached socket behind the static one-shots, would silently include; and a decryption that fails for any
/// reason leaves its plaintext destination zeroed.
/// </summary>
public sealed class FailedMessageTests
{
    private const int RecvFrom = 45; // recv: AEAD messages up to AeadCore.Gather, and decryptions without AAD
    private const int RecvMsg = 47;
    private const int VmSplice = 278;
    private const int ENOMEM = 12;

    // More than one pipe's worth (1 MiB), so that the first vmsplice+splice succeeds and the second fails.
    private static readonly byte[] Large = Reference.Bytes(3 * 1024 * 1024, 51);

    [Fact]
    public void HashInstanceAfterAFailedSpliceHashesOnlyTheNextMessage()
    {
        var digest = new byte[32];
        RunFailingSecondVmsplice(() =>
        {
            using var hash = new HashCore("sha256", 32) { ZeroCopy = ZeroCopyMode.Always };
            Assert.Equal(ENOMEM, Assert.ThrowsAny<KernelCryptoException>(() => hash.HashData(Large, digest)).Errno);
            hash.HashData("abc"u8, digest);
            Assert.Equal(SHA256.HashData("abc"u8), digest);
        });
    }

    [Fact]
    public void CachedOneShotAfterAFailedSpliceHashesOnlyTheNextMessage()
    {
        var digest = new byte[32];
        RunFailingSecondVmsplice(() =>
        {
            // The static one-shot behind Sha256.Hash. Auto never splices a hash (issue 20: send maps the pages already),
            // so this worker thread's cached core is made with zero copy forced, as a process that sets it would.
            var old = TypedAlgOptions.ZeroCopy;
            TypedAlgOptions.ZeroCopy = ZeroCopyMode.Always;
            try
            {
                Assert.Equal(ENOMEM, Assert.ThrowsAny<KernelCryptoException>(() => HashCore.HashData("sha256", 32, Large, digest)).Errno);
            }
            finally
            {
                TypedAlgOptions.ZeroCopy = old;
            }

            HashCore.HashData("sha256", 32, "abc"u8, digest);
            Assert.Equal(SHA256.HashData("abc"u8), digest);
            Assert.Equal(SHA256.HashData("abc"u8), Sha256.Hash("abc"u8).AsSpan().ToArray());
        });
    }

    [Fact]
    public void FailedAppendDiscardsTheRunningHashLoudly()
    {
        var digest = new byte[32];
        RunFailingSecondVmsplice(() =>
        {
            using var hash = new HashCore("sha256", 32) { ZeroCopy = ZeroCopyMode.Always };
            hash.Append("prefix"u8);
            Assert.Equal(ENOMEM, Assert.ThrowsAny<KernelCryptoException>(() => hash.Append(Large)).Errno);
            // The data appended so far is gone: a digest now would be of something the caller never asked for.
            Assert.Contains("Append failed", Assert.Throws<InvalidOperationException>(() => hash.GetHashAndReset(digest)).Message);
            hash.Append("abc"u8);
            hash.GetHashAndReset(digest);
            Assert.Equal(SHA256.HashData("abc"u8), digest);
        });
    }

    [Fact]
    public void AeadAfterAFailedReceiveEncryptsTheNextMessageCorrectly()
    {
        byte[] key = Reference.Bytes(16, 52), nonce = Reference.Bytes(12, 53), aad = Reference.Bytes(20, 54), plain = Reference.Bytes(1000, 55);
        (var refCt, var refTag) = Reference.Gcm(key, nonce, plain, aad);
        var receives = 0;
        (var injector, var error) = EintrInjector.Run(
            () =>
            {
                using var gcm = new AeadCore("gcm(aes)", key, 12, 16);
                byte[] ct = new byte[plain.Length], tag = new byte[16];
                Assert.Equal(ENOMEM, Assert.ThrowsAny<KernelCryptoException>(() => gcm.Encrypt(nonce, plain, ct, tag, aad)).Errno);
                gcm.Encrypt(nonce, plain, ct, tag, aad);
                Assert.Equal(refCt, ct);
                Assert.Equal(refTag, tag);
            },
            nr => nr is RecvMsg or RecvFrom && ++receives == 1 ? -ENOMEM : null);
        using (injector)
        {
            Assert.True(error is null, error?.ToString());
        }
    }

    /// <summary>Finding 5: the length-mismatch path of a decryption wipes the plaintext destination too.</summary>
    [Fact]
    public void DecryptionWithAnUnexpectedOutputLengthZeroesThePlaintext()
    {
        byte[] key = Reference.Bytes(16, 56), nonce = Reference.Bytes(12, 57), plain = Reference.Bytes(1000, 58);
        (var ct, var tag) = Reference.Gcm(key, nonce, plain, []);
        var output = new byte[plain.Length];
        var receives = 0;
        (var injector, var error) = EintrInjector.Run(
            () =>
            {
                using var gcm = new AeadCore("gcm(aes)", key, 12, 16);
                // What the kernel may already have written before the length turned out wrong.
                output.AsSpan().Fill(0xA5);
                var e = Assert.ThrowsAny<KernelCryptoException>(() => gcm.TryDecrypt(nonce, ct, tag, output));
                Assert.Contains("returned 5 bytes", e.Message);
            },
            nr => nr is RecvMsg or RecvFrom && ++receives == 1 ? 5 : null); // the receive "returns" 5 bytes
        using (injector)
        {
            Assert.True(error is null, error?.ToString());
            Assert.True(output.All(b => b == 0), $"plaintext not wiped: {output.Count(b => b != 0)} of {output.Length} bytes left");
        }
    }

    private static void RunFailingSecondVmsplice(Action work)
    {
        var vmsplices = 0;
        (var injector, var error) = EintrInjector.Run(work, nr => nr == VmSplice && ++vmsplices == 2 ? -ENOMEM : null);
        using (injector)
        {
            Assert.True(error is null, error?.ToString());
            Assert.True(vmsplices >= 2, $"only {vmsplices} vmsplice calls: the failure was never injected");
        }
    }
}
