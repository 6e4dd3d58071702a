using System.Diagnostics;
using System.Text;
using TypedAlg.Cli.Manifest;
using TypedAlg.Tests;
using Xunit;
using static TypedAlg.Cli.KernelTests.Tools;

namespace TypedAlg.Cli.KernelTests;

/// <summary>rng's format against kcapi-rng, sum against coreutils, list and manifest against the running kernel, and the real executable.</summary>
public sealed class RngSumListTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(4095)]
    [InlineData(100001)]
    public void RngHexHasKcapiRngsFormat(int bytes)
    {
        var ours = Ours(["rng", "-b", bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--hex"]);
        var kcapi = Peer("kcapi-rng", $"-b {bytes} --hex");
        if (!ThisBoot.ServesDrbg)
        {
            AssertNoDrbg(ours);
            Assert.NotEqual(0, kcapi.ExitCode); // the peer fails here too
            return;
        }

        Assert.Equal((0, ""), (ours.ExitCode, ours.Stderr));
        Assert.Equal(kcapi.Stdout.Length, ours.Stdout.Length);
        Assert.Equal(2 * bytes, ours.Stdout.Length);
        Assert.Matches("^[0-9a-f]+$", kcapi.Text);
        Assert.Matches("^[0-9a-f]+$", ours.Text);
    }

    [Fact]
    public void RngBinaryFromANamedDrbgIsRandomLooking()
    {
        var a = Ours(["rng", "-n", "drbg_nopr_hmac_sha256", "-b", "64"]);
        var b = Ours(["rng", "-n", "drbg_nopr_hmac_sha256", "-b", "64"]);
        if (!ThisBoot.ServesDrbg)
        {
            AssertNoDrbg(a);
            return;
        }

        Assert.Equal(64, a.Stdout.Length);
        Assert.NotEqual(a.Stdout, b.Stdout);
    }

    [Fact]
    public void SumPrintsWhatSha256sumPrintsAndChecksItsOutput()
    {
        string[] files = [.. new[] { 0, 17, 100001 }.Select(s => File($"sum-{s}.bin", Data(s)))];
        var args = string.Join(' ', files.Select(Q));

        var ours = Ours(["sum", .. files]);
        var coreutils = Peer("sha256sum", args);
        Assert.Equal((0, ""), (ours.ExitCode, ours.Stderr));
        Assert.Equal(coreutils.Text, ours.Text);

        var sha512 = Ours(["sum", "-a", "sha512", "-b", files[1]]);
        Assert.Equal(Peer("sha512sum", $"-b {Q(files[1])}").Text, sha512.Text);

        var list = File("sums.txt", coreutils.Stdout);
        var check = Ours(["sum", "-c", list]);
        Assert.Equal((0, string.Concat(files.Select(f => f + ": OK\n"))), (check.ExitCode, check.Text));

        File("sum-17.bin", Data(18));
        var failed = Ours(["sum", "-c", list]);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains(files[1] + ": FAILED\n", failed.Text, StringComparison.Ordinal);
        Assert.Equal("typedalg: WARNING: 1 computed checksum did NOT match\n", failed.Stderr);
        Assert.Equal(Peer("sha256sum", $"-c {Q(list)}").Text, failed.Text);
    }

    [Fact]
    public void ListAndManifestCheckAgreeWithThisKernel()
    {
        var list = Ours(["list"]);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"\n\*\s+sha256\s+\S+\s+shash\s+\d+\s+Sha256\n", list.Text);
        Assert.Matches(@"\n\*\s+gcm\(aes\)\s", list.Text);

        var check = Ours(["manifest", "check"]);
        if (!ThisBoot.ServesDrbg)
        {
            // The default manifest lists three rng classes that Linux 7.2+ lack: check says so, and only that.
            Assert.True(check.ExitCode == 1, check.Text + check.Stderr);
            var disagreeing = check.Text.Split('\n').Where(l => l.Contains("missing", StringComparison.Ordinal)).ToArray();
            Assert.Equal(3, disagreeing.Length);
            Assert.All(disagreeing, l => Assert.Contains("rng", l, StringComparison.Ordinal));
            return;
        }

        Assert.True(check.ExitCode == 0, "manifest check disagrees with this kernel:\n" + check.Text + check.Stderr);
    }

    /// <summary>typedalg's one-line error for an rng on a kernel without DRBGs: the reason and the way out.</summary>
    private static void AssertNoDrbg(Run run)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("registers no DRBG", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("RandomNumberGenerator", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Boot", "fips")]
    public void ListMarksWhatAFipsKernelRefuses()
    {
        var list = Ours(["list"]);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("FIPS mode: on", list.Text, StringComparison.Ordinal);
        Assert.Matches(@"\n!\s+md5\s+\S+\s+shash\s+\d+\s+Md5\n", list.Text);
        Assert.Contains("# refused in FIPS mode: rfc7539(chacha20,poly1305) (aead, class ChaCha20Poly1305Aead)", list.Text, StringComparison.Ordinal);
        Assert.Matches(@"\n\*\s+sha256\s+\S+\s+shash\s+\d+\s+Sha256\n", list.Text);
    }

    [Fact]
    public void ManifestImportReadsTheRunningKernel()
    {
        var imported = Ours(["manifest", "import", "sha256", "gcm(aes)", "cbc(aes)"]);

        Assert.Equal((0, ""), (imported.ExitCode, imported.Stderr));
        var manifest = AlgorithmManifest.Parse(imported.Text, "import");
        Assert.Equal(32, manifest.Entries[0].DigestSize);
        Assert.Equal((12, 16), (manifest.Entries[1].NonceSize, manifest.Entries[1].TagSize));
        Assert.Equal([16, 24, 32], manifest.Entries[2].KeySizes);

        // Availability: the running kernel when the algorithm bound; the policy's verdict is not measured at level 0.
        Assert.All(manifest.Entries, e => Assert.Equal([ThisBoot.Kernel], e.Kernels));
        Assert.All(manifest.Entries, e => Assert.Null(e.RestrictedAccess));
    }

    [Fact]
    public void TheExecutableReadsStdinWritesStdoutAndExitsNonZeroOnError()
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "typedalg.dll");

        (int exit, string stdout, string stderr) ok = Dotnet(exe, "dgst -c sha256 --hex", "abc");
        Assert.Equal((0, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ""), ok);

        (int exit, string stdout, string stderr) bad = Dotnet(exe, "dgst -c no-such-thing", "abc");
        Assert.Equal(1, bad.exit);
        Assert.StartsWith("typedalg: ", bad.stderr, StringComparison.Ordinal);
        Assert.Single(bad.stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static (int, string, string) Dotnet(string exe, string args, string stdin)
    {
        var start = new ProcessStartInfo("dotnet", $"{exe} {args}") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEndAsync();
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        p.WaitForExit();
        return (p.ExitCode, output.Result, err.Result);
    }
}
