using System.Security.Cryptography;
using TypedAlg.Generated.KernelTests.Drivers;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>
/// Issue 17 in a boot without the virtio-crypto device (every normal boot): a pinned driver that is not there, and
/// hardware only, give <see cref="DriverUnavailableException"/> naming the drivers that implement cbc(aes).
/// </summary>
public sealed class DriverWithoutDeviceTests
{
    [Fact]
    public void PinnedVirtioDriverIsReportedAsNotServed()
    {
        var error = Assert.IsType<DriverUnavailableException>(Record.Exception(() => new VirtioCbcAes(VirtioCbcAes.Key128.Random())));
        Assert.Equal("virtio_crypto_aes_cbc", error.Selection.Driver);
        Assert.Equal("cbc(aes)", error.Algorithm);
        Assert.Contains("virtio_crypto_aes_cbc", error.Message, StringComparison.Ordinal);
        Assert.Contains("not registered", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("virtio_crypto_aes_cbc", error.AvailableDrivers);
        Assert.Contains(error.AvailableDrivers, DriverTestFacts.CpuDrivers.Contains);
        Assert.Contains("Drivers that implement 'cbc(aes)' here: ", error.Message, StringComparison.Ordinal);
        DriverTestFacts.AssertOffCpuNote(error);
    }

    [Fact]
    public void HardwareOnlyIsReportedAsNotServed()
    {
        var error = Assert.IsType<DriverUnavailableException>(Record.Exception(() => new HardwareCbcAes(HardwareCbcAes.Key128.Random())));
        Assert.True(error.Selection.HardwareOnly);
        Assert.Contains("CRYPTO_ALG_KERN_DRIVER_ONLY", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.AvailableDrivers, DriverTestFacts.CpuDrivers.Contains);
        DriverTestFacts.AssertOffCpuNote(error);
    }

    [Fact]
    public void DefaultInstanceReportsTheCpuDriver()
    {
        using var cbc = new CbcAes(CbcAes.Key128.Random());
        Assert.Contains(cbc.Driver, DriverTestFacts.CpuDrivers);
        using var pinned = new CbcAes(CbcAes.Key128.Random(), DriverSelection.Named(cbc.Driver));
        Assert.Equal(cbc.Driver, pinned.Driver);
    }
}

/// <summary>
/// Issue 17 in the crypto-device boots (tools/kernel-vm/run --crypto-device): on 6.12 the virtio driver serves and
/// matches System.Security.Cryptography; on 7.3 /proc/crypto lists it but AF_ALG refuses off-CPU drivers.
/// </summary>
[Trait("Boot", "crypto-device")]
public sealed class DriverWithDeviceTests
{
    private const string Virtio = "virtio_crypto_aes_cbc";

    [Fact]
    public void PinnedVirtioDriverMatchesDotNetOrIsRefusedAsOffCpu()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        var plaintext = RandomNumberGenerator.GetBytes(4096);
        Assert.Equal(DriverTestFacts.ServesOffCpu, VirtioCbcAes.IsSupported);
        if (!DriverTestFacts.ServesOffCpu)
        {
            var error = Assert.IsType<DriverUnavailableException>(Record.Exception(() => new VirtioCbcAes(VirtioCbcAes.Key256.Create(key))));
            Assert.True(error.OffCpuRefused);
            Assert.Equal(UnavailableReason.OffCpuDriverRefused, error.Reason);
            Assert.Contains("although /proc/crypto lists it", error.Message, StringComparison.Ordinal);
            Assert.Contains(Virtio, error.AvailableDrivers);
            Assert.Contains("cbc-aes-lib", error.AvailableDrivers);
            // The CPU driver of 6.12 is gone too: a pin to it names the ones there are.
            var aesni = Assert.IsType<DriverUnavailableException>(Record.Exception(() => new CbcAes(CbcAes.Key256.Create(key), DriverSelection.Named("cbc-aes-aesni"))));
            Assert.Contains("cbc-aes-lib", aesni.AvailableDrivers);
            return;
        }

        using var aes = Aes.Create();
        aes.Key = key;
        var expected = aes.EncryptCbc(plaintext, iv, PaddingMode.None);
        using var virtio = new VirtioCbcAes(VirtioCbcAes.Key256.Create(key));
        Assert.Equal(Virtio, virtio.Driver);
        Assert.Equal(expected, virtio.Encrypt(VirtioCbcAes.Iv.Create(iv), plaintext));
        Assert.Equal(plaintext, virtio.Decrypt(VirtioCbcAes.Iv.Create(iv), expected));

        // The same class with the driver chosen at run time, and the default (the CPU driver, priority 400 > 150).
        using var chosen = new CbcAes(CbcAes.Key256.Create(key), DriverSelection.Named(Virtio));
        Assert.Equal(Virtio, chosen.Driver);
        Assert.Equal(expected, chosen.Encrypt(CbcAes.Iv.Create(iv), plaintext));
        using var standard = new CbcAes(CbcAes.Key256.Create(key));
        Assert.Equal("cbc-aes-aesni", standard.Driver);
    }

    [Fact]
    public void DefaultCbcAesIsNotServedByTheVirtioDriver()
    {
        // 6.12: cbc-aes-aesni (400) outranks virtio (150). 7.3: virtio (150) outranks cbc-aes-lib (110) in /proc/crypto,
        // but AF_ALG skips off-CPU drivers; Driver must say what really serves.
        using var cbc = new CbcAes(CbcAes.Key128.Random());
        Assert.Contains(cbc.Driver, DriverTestFacts.CpuDrivers);
    }

    [Fact]
    public void HardwareOnlyIsRefusedBecauseVirtioIsNotDriverOnly()
    {
        var error = Assert.IsType<DriverUnavailableException>(Record.Exception(() => new HardwareCbcAes(HardwareCbcAes.Key128.Random())));
        Assert.Contains(Virtio, error.AvailableDrivers);
        DriverTestFacts.AssertOffCpuNote(error);
    }

    /// <summary>Issue 17 item 5: large one-shot messages, streams and concurrent instances through the async driver.</summary>
    [Fact]
    public void LargeMessagesStreamsAndConcurrencyMatchDotNet()
    {
        if (!DriverTestFacts.ServesOffCpu)
        {
            Assert.Throws<DriverUnavailableException>(() => new VirtioCbcAes(VirtioCbcAes.Key128.Random()));
            return;
        }

        var key = RandomNumberGenerator.GetBytes(16);
        using var aes = Aes.Create();
        aes.Key = key;
        Parallel.For(0, 4, i =>
        {
            var iv = RandomNumberGenerator.GetBytes(16);
            var plaintext = RandomNumberGenerator.GetBytes((1 << 20) + (16 * i));
            var expected = aes.EncryptCbc(plaintext, iv, PaddingMode.None);
            using var virtio = new VirtioCbcAes(VirtioCbcAes.Key128.Create(key));
            Assert.Equal(expected, virtio.Encrypt(VirtioCbcAes.Iv.Create(iv), plaintext));
            Assert.Equal(plaintext, virtio.Decrypt(VirtioCbcAes.Iv.Create(iv), expected));

            // A stream in uneven pieces: the kernel chains the IV across requests.
            using var encryptor = virtio.CreateEncryptor(VirtioCbcAes.Iv.Create(iv));
            var output = new byte[plaintext.Length];
            int read = 0, written = 0;
            foreach (var piece in new[] { 7, 4096, 65536 + 41, 160 })
            {
                written += encryptor.Update(plaintext.AsSpan(read, piece), output.AsSpan(written));
                read += piece;
            }

            written += encryptor.Finish(plaintext.AsSpan(read), output.AsSpan(written));
            Assert.Equal(plaintext.Length, written);
            Assert.Equal(expected, output);
        });
    }
}

/// <summary>What each kernel of the matrix does with drivers, as measured (docs/manifest.md, Drivers).</summary>
internal static class DriverTestFacts
{
    /// <summary>Linux 7.2 dropped off-CPU drivers from AF_ALG.</summary>
    internal static bool ServesOffCpu => ThisBoot.Kernel is not ("7.2" or "7.3");

    /// <summary>
    /// The CPU drivers of cbc(aes) the kernel binds by default, as measured: 7.3 replaced the AES-NI glue with the
    /// library's; on 6.1 the guest (no udev) serves cbc(aes-generic) until something loads aesni_intel.
    /// </summary>
    internal static string[] CpuDrivers => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
    {
        // The ARMv8 crypto extensions (measured on Debian's arm64 6.12: cbc-aes-ce serves, cbc-aes-neonbs is listed too).
        System.Runtime.InteropServices.Architecture.Arm64 => ["cbc-aes-ce", "cbc-aes-neonbs", "cbc-aes-lib"],
        _ => AmdCpuDrivers,
    };

    private static string[] AmdCpuDrivers => ThisBoot.Kernel switch
    {
        "7.3" => ["cbc-aes-lib"],
        "6.1" => ["cbc-aes-aesni", "cbc(aes-generic)"],
        _ => ["cbc-aes-aesni"],
    };

    internal static void AssertOffCpuNote(DriverUnavailableException error)
    {
        Assert.Equal(!ServesOffCpu, error.OffCpuRefused);
        Assert.Equal(!ServesOffCpu, error.Message.Contains("no longer serve off-CPU drivers", StringComparison.Ordinal));
    }
}
