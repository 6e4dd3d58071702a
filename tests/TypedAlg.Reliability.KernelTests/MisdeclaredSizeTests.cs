using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// A block size that does not match the kernel's (a wrong manifest entry, or the public core called by hand) must end in
/// a clear error, never in a receive that waits forever; and a failed message must not spill into the next one.
/// Each case runs under a watchdog so that a regression fails instead of hanging the guest.
/// </summary>
public sealed class MisdeclaredSizeTests
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    private const int Chunk = 64 * 1024; // the runtime's request size for chained modes

    [Theory]
    [InlineData(8)]   // smaller than AES's 16: the kernel waits for a whole block of its own
    [InlineData(24)]  // not a multiple of 16: the kernel computes 16 bytes and waits for the next 8
    public void StreamWithTheWrongBlockSizeFailsFastAndStaysFailed(int blockSize)
    {
        WithinWatchdog(() =>
        {
            using var cbc = new SkcipherCore("cbc(aes)", new byte[16], 16, blockSize);
            using var stream = cbc.CreateEncryptor(new byte[16]);
            var e = Assert.Throws<KernelCryptoException>(() => stream.Update(new byte[blockSize], new byte[blockSize]));
            Assert.Equal(11, e.Errno); // EAGAIN: the kernel wanted more input
            Assert.Contains($"the {blockSize} bytes given as the block size", e.Message);
            Assert.Contains("chunksize", e.Message);
            Assert.Contains("start a new stream", Assert.Throws<InvalidOperationException>(() => stream.Finish(default, new byte[64])).Message);
        });
    }

    [Fact]
    public void StreamWithTheRightBlockSizeStillGivesWholeBlocksAtOnce()
    {
        WithinWatchdog(() =>
        {
            byte[] key = Reference.Bytes(16, 3), iv = Reference.Bytes(16, 4), data = Reference.Bytes(48, 5);
            using var cbc = new SkcipherCore("cbc(aes)", key, 16, 16);
            using var stream = cbc.CreateEncryptor(iv);
            var output = new byte[48];
            Assert.Equal(16, stream.Update(data.AsSpan(0, 20), output));
            Assert.Equal(4, stream.PendingBytes);
            Assert.Equal(32, stream.Finish(data.AsSpan(20), output.AsSpan(16)));
            Assert.Equal(Reference.Cbc(key, iv, data), output);
        });
    }

    [Fact]
    public void FailedOneShotDoesNotSpillIntoTheNextMessage()
    {
        WithinWatchdog(() =>
        {
            byte[] key = Reference.Bytes(16, 6), iv = Reference.Bytes(16, 7);
            // Block size 1 claimed for CBC: a 64 KiB chunk goes through, then the kernel refuses the 5-byte tail (EINVAL)
            // and keeps it queued. Without a fresh operation socket every later message would fail or join it.
            using var cbc = new SkcipherCore("cbc(aes)", key, 16, 1);
            var e = Assert.Throws<KernelCryptoException>(() => cbc.Encrypt(iv, new byte[Chunk + 5], new byte[Chunk + 5]));
            Assert.Equal(22, e.Errno);
            foreach (var length in new[] { 32, Chunk * 2 })
            {
                var data = Reference.Bytes(length, 8 + length);
                var output = new byte[length];
                cbc.Encrypt(iv, data, output);
                Assert.Equal(Reference.Cbc(key, iv, data), output);
            }
        });
    }

    /// <summary>
    /// Issue 14, finding 4: a digest size smaller than the kernel's (a manifest entry for sha512 declaring 32 bytes) is an
    /// error naming both sizes, never a silently truncated digest; on an instance and on the cached one-shot.
    /// </summary>
    [Fact]
    public void DigestSizeSmallerThanTheKernelsIsRefusedNotTruncated()
    {
        var digest = new byte[64];
        using var sha512 = new HashCore("sha512", 32);
        foreach (var hash in new Action[]
        {
            () => sha512.HashData("abc"u8, digest),
            () => HashCore.HashData("sha512", 32, "abc"u8, digest),
        })
        {
            var e = Assert.Throws<ArgumentException>(hash);
            Assert.Equal("digestSize", e.ParamName);
            Assert.Contains("64-byte digests", e.Message);
            Assert.Contains("digestSize 32", e.Message);
        }

        // The instance is still usable for what it can do: nothing of the refused digest is left behind.
        using var sha256 = new HashCore("sha256", 32);
        sha256.HashData("abc"u8, digest);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData("abc"u8), digest[..32]);
    }

    private static void WithinWatchdog(Action test)
    {
        var run = Task.Factory.StartNew(test, TaskCreationOptions.LongRunning);
        Assert.True(run.Wait(Watchdog), $"did not finish within {Watchdog.TotalSeconds} s (a receive waiting for input that never comes)");
        run.GetAwaiter().GetResult();
    }
}
