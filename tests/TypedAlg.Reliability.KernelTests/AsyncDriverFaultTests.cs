using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// Issue 17, item 5: EINTR injection and descriptor accounting against qemu's asynchronous virtio-crypto driver
/// (virtio_crypto_aes_cbc, pinned by name). The request completes on the device's interrupt, not in the caller's
/// system call; an interrupted call must still be retried, never surfaced. 7.3 refuses the driver (off-CPU).
/// </summary>
[Trait("Boot", "crypto-device")]
public sealed class AsyncDriverFaultTests
{
    private static readonly DriverSelection Virtio = DriverSelection.Named("virtio_crypto_aes_cbc");

    [Fact]
    public void InterruptedCallsThroughTheAsyncDriverAreRetriedNotSurfaced()
    {
        var key = Reference.Bytes(16, 3);
        var iv = Reference.Bytes(16, 4);
        var data = Reference.Bytes(200 * 1024, 6); // > 64 KiB: chunked sends and the splice path
        var before = Fds.Count();
        if (ThisBoot.Kernel is "7.2" or "7.3")
        {
            var error = Assert.Throws<DriverUnavailableException>(() => new SkcipherCore("cbc(aes)", key, 16, 16, Virtio));
            Assert.True(error.OffCpuRefused);
            Assert.Equal(before, Fds.Count());
            return;
        }

        var expected = Reference.Cbc(key, iv, data);
        var results = new Dictionary<string, byte[]>();
        (var injector, var failure) = EintrInjector.Run(() =>
        {
            var output = new byte[data.Length];
            foreach (var mode in new[] { ZeroCopyMode.Never, ZeroCopyMode.Always })
            {
                using var cbc = new SkcipherCore("cbc(aes)", key, 16, 16, Virtio) { ZeroCopy = mode };
                cbc.Encrypt(iv, data, output);
                results["cbc " + mode] = (byte[])output.Clone();
                using var stream = cbc.CreateEncryptor(iv);
                var n = stream.Update(data.AsSpan(0, 70_001), output);
                n += stream.Finish(data.AsSpan(70_001), output.AsSpan(n));
                results["stream " + mode] = output[..n];
            }
        });
        using (injector)
        {
            Assert.True(failure is null, $"{failure}\nEINTRs injected {injector.Injected}, calls let through {injector.Passed}");
            foreach (var (name, bytes) in results)
            {
                Assert.True(expected.AsSpan().SequenceEqual(bytes), name);
            }

            Assert.Equal(4, results.Count);
            Assert.True(injector.Injected >= 10, $"only {injector.Injected} EINTRs injected");
        }

        Assert.Equal(before, Fds.Count());
    }

    [Fact]
    public void RefusedDriverLeavesNoDescriptorOpen()
    {
        // A driver name no kernel has: the failed bind closes its socket, and the message lists what exists.
        Fds.AssertNoneLeft(
            () =>
            {
                var error = Assert.Throws<DriverUnavailableException>(
                    () => new SkcipherCore("cbc(aes)", new byte[16], 16, 16, DriverSelection.Named("typedalg_missing_cbc")));
                Assert.NotEmpty(error.AvailableDrivers);
            },
            "refused driver");
    }
}
