using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// Issue 14, finding 3: with socket buffers smaller than the runtime's 64 KiB pieces (net.core.wmem_default and
/// rmem_default at 16384), a single thread must not wait forever for buffer space that only its own later receive
/// would free. Every case runs under a watchdog; the sysctls are restored afterwards. Sockets take the defaults when
/// they are created, so every instance here is created after the change.
/// </summary>
public sealed class SmallSocketBufferTests
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    [Fact]
    public void CbcAesOf128KiBAndGcmAesOf30KiBFinishWithSmallSocketBuffers()
    {
        WithSmallBuffers(() =>
        {
            byte[] key = Reference.Bytes(16, 61), iv = Reference.Bytes(16, 62), nonce = Reference.Bytes(12, 63);
            var large = Reference.Bytes(128 * 1024, 64);
            foreach (var mode in new[] { ZeroCopyMode.Never, ZeroCopyMode.Always })
            {
                using var core = new SkcipherCore("cbc(aes)", key, 16, 16) { ZeroCopy = mode };
                var output = new byte[large.Length];
                core.Encrypt(iv, large, output);
                Assert.Equal(Reference.Cbc(key, iv, large), output);
            }

            using (var cbc = new CbcAes(CbcAes.Key128.Create(key)))
            {
                Assert.Equal(Reference.Cbc(key, iv, large), cbc.Encrypt(CbcAes.Iv.Create(iv), large));
                using var stream = cbc.CreateEncryptor(CbcAes.Iv.Create(iv));
                var streamed = new byte[large.Length];
                var n = stream.Update(large.AsSpan(0, 100_000), streamed);
                n += stream.Finish(large.AsSpan(100_000), streamed.AsSpan(n));
                Assert.Equal(Reference.Cbc(key, iv, large), streamed);
            }

            var text = Reference.Bytes(30 * 1024, 65);
            using var gcm = new GcmAes(GcmAes.Key128.Create(key));
            byte[] ct = new byte[text.Length], back = new byte[text.Length];
            gcm.Encrypt(GcmAes.Nonce.Create(nonce), text, ct, out var tag);
            (var refCt, var refTag) = Reference.Gcm(key, nonce, text, []);
            Assert.Equal(refCt, ct);
            Assert.Equal(refTag, tag.AsSpan().ToArray());
            gcm.Decrypt(GcmAes.Nonce.Create(nonce), ct, tag, back);
            Assert.Equal(text, back);
            Assert.Equal(text, gcm.Open(gcm.Seal(text)));
        });
    }

    private static void WithSmallBuffers(Action test)
    {
        const string wmem = "/proc/sys/net/core/wmem_default", rmem = "/proc/sys/net/core/rmem_default";
        string oldW = File.ReadAllText(wmem).Trim(), oldR = File.ReadAllText(rmem).Trim();
        File.WriteAllText(wmem, "16384");
        File.WriteAllText(rmem, "16384");
        try
        {
            var run = Task.Factory.StartNew(test, TaskCreationOptions.LongRunning);
            Assert.True(run.Wait(Watchdog), $"did not finish within {Watchdog.TotalSeconds} s with 16 KiB socket buffers (a send waiting for room only its own receive would make)");
            run.GetAwaiter().GetResult();
        }
        finally
        {
            File.WriteAllText(wmem, oldW);
            File.WriteAllText(rmem, oldR);
        }
    }
}
