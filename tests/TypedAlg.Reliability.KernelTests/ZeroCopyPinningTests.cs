using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// Issue 14, finding 1: algif_skcipher reads spliced input pages only in the recvmsg that follows the splice, so the
/// caller's array must stay where it is (pinned) until its output has been received. A compacting collection in
/// between would otherwise move the array and let its old pages be reused: wrong ciphertext, or other heap data
/// encrypted under the caller's key. (Linux 7.2+ copies spliced skcipher data, so there the tests pass either way.)
/// </summary>
public sealed class ZeroCopyPinningTests
{
    private const int RecvFrom = 45;
    private const int RecvMsg = 47;

    /// <summary>
    /// Deterministic: every receive is held in seccomp while another thread forces a compacting collection and
    /// overwrites freed heap memory; only then does the kernel run the cipher.
    /// </summary>
    [Theory]
    [InlineData(ZeroCopyMode.Always)]
    [InlineData(ZeroCopyMode.Auto)]
    public void SplicedInputMovedByACompactingCollectionBeforeTheReceiveStillEncryptsCorrectly(ZeroCopyMode mode)
    {
        byte[] key = Reference.Bytes(16, 41), iv = Reference.Bytes(16, 42);
        const int length = 80 * 1024; // two chunks, below the large object threshold: the collector may move it
        var plain = Reference.Bytes(length, 43);
        var expected = Reference.Cbc(key, iv, plain);
        var wrong = new List<int>();
        long spliced = 0;
        (var injector, var error) = EintrInjector.Run(
            () =>
            {
                using var cbc = new SkcipherCore("cbc(aes)", key, 16, 16) { ZeroCopy = mode };
                var output = new byte[length];
                for (var i = 0; i < 12; i++)
                {
                    // Garbage ahead of the array gives the collector room to slide it down.
                    var gap = Enumerable.Range(0, 64).Select(_ => new byte[4096]).ToArray();
                    var data = (byte[])plain.Clone();
                    GC.KeepAlive(gap);
                    gap = null!;
                    cbc.Encrypt(iv, data, output);
                    if (!output.AsSpan().SequenceEqual(expected))
                    {
                        wrong.Add(i);
                    }
                }

                spliced = cbc.Socket.SplicedBytes;
            },
            nr =>
            {
                if (nr is RecvFrom or RecvMsg)
                {
                    CompactAndScribble();
                }

                return null;
            });
        using (injector)
        {
            Assert.True(error is null, error?.ToString());
            Assert.True(spliced > 0, "the zero-copy path never ran");
            Assert.True(wrong.Count == 0, $"{wrong.Count} of 12 encryptions ({mode}) gave a wrong ciphertext after the input moved: iterations {string.Join(", ", wrong)}");
        }
    }

    /// <summary>The issue's scenario as a user meets it: generated CbcAes on fresh arrays while another thread compacts.</summary>
    [Fact]
    public void CbcAesOnFreshArraysWhileAnotherThreadCompactsMatchesTheReference()
    {
        byte[] key = Reference.Bytes(16, 44), iv = Reference.Bytes(16, 45);
        var old = TypedAlgOptions.ZeroCopy;
        var stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                CompactAndScribble();
            }
        }) { IsBackground = true, Name = "compacting-collector" };
        collector.Start();
        try
        {
            var random = new Random(46);
            foreach (var mode in new[] { ZeroCopyMode.Always, ZeroCopyMode.Auto })
            {
                TypedAlgOptions.ZeroCopy = mode;
                using var cbc = new CbcAes(CbcAes.Key128.Create(key));
                for (var i = 0; i < 100; i++)
                {
                    var length = (64 + random.Next(0, 16)) * 1024;
                    var data = new byte[length];
                    random.NextBytes(data);
                    var expected = Reference.Cbc(key, iv, data);
                    var output = cbc.Encrypt(CbcAes.Iv.Create(iv), data);
                    Assert.True(output.AsSpan().SequenceEqual(expected), $"{mode}, operation {i} ({length} bytes): wrong ciphertext");
                }
            }
        }
        finally
        {
            TypedAlgOptions.ZeroCopy = old;
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }

    private static void CompactAndScribble()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        for (var i = 0; i < 256; i++)
        {
            new byte[4096].AsSpan().Fill(0x5A);
        }
    }
}
