using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>
/// Issue 17, item 5: the CBC parts of the skcipher kernel tests (differential at every size and chunk boundary, both
/// input paths, streams in random pieces, concurrency, a failed message) against qemu's asynchronous virtio-crypto
/// driver, pinned by name. Runs in the crypto-device boots: 6.12 serves the driver; 7.3 lists it and refuses it.
/// </summary>
[Trait("Boot", "crypto-device")]
public sealed class AsyncDriverTests
{
    private static readonly DriverSelection Virtio = DriverSelection.Named("virtio_crypto_aes_cbc");
    private static readonly byte[] Key = Inputs.Bytes(32, 1);
    private static readonly byte[] Iv = Inputs.Bytes(16, 2);

    private static bool Served => ThisBoot.Kernel is not ("7.2" or "7.3");

    public static TheoryData<int> CbcSizes => [16, 4096, 65536 - 16, 65536, 65536 + 16, 131072 + 48, (1 << 20) + 16, 2 << 20];

    [Theory]
    [MemberData(nameof(CbcSizes))]
    public void CbcEqualsReferenceAtEverySize(int size)
    {
        if (!Served)
        {
            var error = Assert.Throws<DriverUnavailableException>(Open);
            Assert.True(error.OffCpuRefused);
            return;
        }

        var plain = Inputs.Bytes(size, size);
        var expected = Reference.CbcEncrypt(Key, Iv, plain);
        foreach (var mode in new[] { ZeroCopyMode.Never, ZeroCopyMode.Always })
        {
            using var cbc = Open();
            cbc.ZeroCopy = mode;
            Assert.Equal("virtio_crypto_aes_cbc", cbc.Driver);
            var ct = new byte[size];
            cbc.Encrypt(Iv, plain, ct);
            Assert.True(expected.AsSpan().SequenceEqual(ct), $"encrypt differs at size {size} ({mode})");
            cbc.Decrypt(Iv, ct, ct); // in place
            Assert.True(plain.AsSpan().SequenceEqual(ct), $"decrypt differs at size {size} ({mode})");
        }
    }

    [Fact]
    public void StreamInRandomPiecesEqualsReference()
    {
        if (!Served)
        {
            Assert.Throws<DriverUnavailableException>(Open);
            return;
        }

        var random = new Random(15);
        var size = 2 << 20;
        var plain = Inputs.Bytes(size, 16);
        var expected = Reference.CbcEncrypt(Key, Iv, plain);
        using var cbc = Open();
        using var stream = cbc.CreateEncryptor(Iv);
        var output = new byte[size];
        int read = 0, written = 0;
        while (size - read > 300_000)
        {
            var piece = random.Next(4) switch { 0 => random.Next(1, 17), 1 => random.Next(1, 5000), 2 => 65536 + 1, _ => random.Next(1, 300_000) };
            written += stream.Update(plain.AsSpan(read, piece), output.AsSpan(written));
            read += piece;
        }

        written += stream.Finish(plain.AsSpan(read), output.AsSpan(written));
        Assert.Equal(size, written);
        Assert.True(expected.AsSpan().SequenceEqual(output));
    }

    [Fact]
    public void ConcurrentInstancesEachEqualTheReference()
    {
        if (!Served)
        {
            Assert.Throws<DriverUnavailableException>(Open);
            return;
        }

        // The virtio queue completes requests out of the caller's thread: each instance must still get its own bytes.
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var plain = Inputs.Bytes(65536 * (i + 1) + 16 * i, 100 + i);
            var expected = Reference.CbcEncrypt(Key, Iv, plain);
            using var cbc = Open();
            for (var round = 0; round < 3; round++)
            {
                var ct = new byte[plain.Length];
                cbc.Encrypt(Iv, plain, ct);
                Assert.True(expected.AsSpan().SequenceEqual(ct), $"thread {i} round {round}");
            }
        });
    }

    [Fact]
    public void FailedMessageLeavesTheInstanceUsable()
    {
        if (!Served)
        {
            Assert.Throws<DriverUnavailableException>(Open);
            return;
        }

        using var cbc = Open();
        var plain = Inputs.Bytes(4096, 9);
        var expected = Reference.CbcEncrypt(Key, Iv, plain);
        // A wrong IV length reaches the kernel (SkcipherCore checks only the block multiple) and fails there.
        Assert.ThrowsAny<Exception>(() => cbc.Encrypt(new byte[8], plain, new byte[4096]));
        var ct = new byte[4096];
        cbc.Encrypt(Iv, plain, ct);
        Assert.Equal(expected, ct);
    }

    private static SkcipherCore Open() => new("cbc(aes)", Key, 16, 16, Virtio);
}
