using TypedAlg.Annotations;
using TypedAlg.Cli.Kernel;
using TypedAlg.Cli.Manifest;
using Xunit;

namespace TypedAlg.Cli.Tests;

/// <summary>manifest import/check and list against /proc/crypto text captured from Debian's 6.12 kernel.</summary>
public sealed class ManifestTests : IDisposable
{
    private static readonly string s_sample = Path.Combine(AppContext.BaseDirectory, "Samples", "proc-crypto-6.12.txt");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("cbc(aes)", "CbcAes")]
    [InlineData("hmac(sha256)", "HmacSha256")]
    [InlineData("sha3-256", "Sha3_256")]
    [InlineData("rfc7539(chacha20,poly1305)", "Rfc7539Chacha20Poly1305")]
    [InlineData("drbg_nopr_hmac_sha256", "DrbgNoprHmacSha256")]
    [InlineData("cbc-aes-aesni", "CbcAesAesni")]
    public void ClassNamesFollowTheDefaultManifest(string kernelName, string expected) =>
        Assert.Equal(expected, ClassNames.FromKernelName(kernelName));

    [Fact]
    public void ImportsEverySocketTypeWithTheKernelsSizes()
    {
        var view = KernelView.FromFile(s_sample);
        var e = ManifestImporter.Import(["sha256", "hmac(sha256)", "cmac(aes)", "cbc(aes)", "xts(aes)", "ctr(aes)", "gcm(aes)", "ccm(aes)", "rfc7539(chacha20,poly1305)", "stdrng"], view)
            .ToDictionary(x => x.KernelName);

        Assert.Equal((KernelAlgorithmType.Hash, 32, 64), (e["sha256"].Type, e["sha256"].DigestSize, e["sha256"].BlockSize));
        Assert.Equal(32, e["hmac(sha256)"].MinimumKeySize);
        Assert.Equal([16, 24, 32], e["cmac(aes)"].KeySizes);
        Assert.Equal((16, 16, true), (e["cbc(aes)"].IvSize, e["cbc(aes)"].BlockSize, e["cbc(aes)"].WholeBlocks));
        Assert.Equal([16, 24, 32], e["cbc(aes)"].KeySizes);
        Assert.Equal([32, 48, 64], e["xts(aes)"].KeySizes);
        Assert.Null(e["xts(aes)"].WholeBlocks);
        Assert.Equal(1, e["ctr(aes)"].BlockSize);
        Assert.Equal((12, 16, (string?)null), (e["gcm(aes)"].NonceSize, e["gcm(aes)"].TagSize, e["gcm(aes)"].NonceEncoding));
        Assert.Equal((12, "ccm"), (e["ccm(aes)"].NonceSize, e["ccm(aes)"].NonceEncoding));
        Assert.Equal([32], e["rfc7539(chacha20,poly1305)"].KeySizes);
        Assert.Equal(KernelAlgorithmType.Rng, e["stdrng"].Type);
        Assert.All(e.Values, x => Assert.Null(x.FipsApproved));
    }

    [Fact]
    public void ImportedEntriesReadBackAsTheSameManifest()
    {
        var view = KernelView.FromFile(s_sample);
        var imported = ManifestImporter.Import(["sha256", "gcm(aes)", "cbc(aes)", "hmac(sha512)"], view);

        var back = AlgorithmManifest.Parse(ManifestWriter.Document(imported, "My.Crypto"), "written");

        Assert.Equal("My.Crypto", back.Namespace);
        Assert.Equal(imported.Count, back.Entries.Count);
        for (var i = 0; i < imported.Count; i++)
        {
            Assert.Equal(ManifestWriter.Entry(imported[i]), ManifestWriter.Entry(back.Entries[i]));
        }
    }

    [Fact]
    public void ImportRefusesNamesAFALGCannotReachOrThatAreAbsent()
    {
        var view = KernelView.FromFile(s_sample);

        Assert.Contains("is a cipher", Assert.Throws<CliException>(() => ManifestImporter.Import("aes", view)).Message, StringComparison.Ordinal);
        Assert.Contains("is not in", Assert.Throws<CliException>(() => ManifestImporter.Import("whirlpool", view)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportCommandPrintsAManifestDocument()
    {
        var result = CliRunner.Run(_dir.Path, [], "manifest", "import", "--proc-crypto", s_sample, "sha256", "gcm(aes)");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var manifest = AlgorithmManifest.Parse(result.Text, "stdout");
        Assert.Equal(["Sha256", "GcmAes"], manifest.Entries.Select(x => x.Class));
        Assert.Contains("\"$schema\": \"./algorithms.schema.json\"", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultManifestIsBuiltInAndEqualsTheRepositoryOne()
    {
        var builtIn = AlgorithmManifest.Locate(null, _dir.Path);
        var repoFile = Path.Combine(RepoRoot(), "algorithms.json");
        var repo = AlgorithmManifest.Parse(File.ReadAllText(repoFile), repoFile);

        Assert.Equal("built-in default", builtIn.Source);
        Assert.Equal(repo.Entries.Select(ManifestWriter.Entry), builtIn.Entries.Select(ManifestWriter.Entry));
    }

    [Fact]
    public void ALocalAlgorithmsJsonWinsOverTheDefault()
    {
        _dir.File("algorithms.json", """{ "algorithms": [ { "class": "Only", "kernelName": "sha1", "type": "hash", "digestSize": 20 } ] }""");

        var found = AlgorithmManifest.Locate(null, _dir.Path);

        Assert.Equal("Only", Assert.Single(found.Entries).Class);
    }

    [Fact]
    public void TheDefaultManifestAgreesWithThe612KernelExceptWhereTemplatesWereUnused()
    {
        var result = CliRunner.Run(_dir.Path, [], "manifest", "check", "--proc-crypto", s_sample);

        // Captured /proc/crypto lists only templates that had been used: the DRBGs appear, drbg_nopr_sha256 too.
        Assert.Contains("ok        Sha256", result.Text, StringComparison.Ordinal);
        Assert.Contains("ok        GcmAes", result.Text, StringComparison.Ordinal);
        Assert.Matches(@"against .*proc-crypto-6\.12\.txt: \d+ agree, \d+ disagree\n$", result.Text);
    }

    [Fact]
    public void CheckReportsMissingAlgorithmsAndSizeMismatchesAndExits1()
    {
        var manifest = _dir.File("m.json", """
            {
              // comments are allowed, trailing commas are not, as for the generator
              "algorithms": [
                { "class": "Sha256", "kernelName": "sha256", "type": "hash", "digestSize": 32, "blockSize": 64 },
                { "class": "Wrong", "kernelName": "sha384", "type": "hash", "digestSize": 32 },
                { "class": "Gcm", "kernelName": "gcm(aes)", "type": "aead", "keySizes": [16], "nonceSize": 16, "tagSize": 20 },
                { "class": "Cbc", "kernelName": "cbc(aes)", "type": "skcipher", "keySizes": [16, 40], "ivSize": 16, "blockSize": 16 },
                { "class": "Gone", "kernelName": "whirlpool", "type": "hash", "digestSize": 64 }
              ]
            }
            """);

        var result = CliRunner.Run(_dir.Path, [], "manifest", "check", "--manifest", manifest, "--proc-crypto", s_sample);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var lines = result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ok        Sha256", lines[0], StringComparison.Ordinal);
        Assert.Contains("digestSize 32 in the manifest, 48 in the kernel", lines[1], StringComparison.Ordinal);
        Assert.Contains("nonceSize 16 in the manifest, 12 in the kernel", lines[2], StringComparison.Ordinal);
        Assert.Contains("tagSize 20 is larger than the kernel's maxauthsize 16", lines[2], StringComparison.Ordinal);
        Assert.Contains("key size 40 outside the kernel's 16..32", lines[3], StringComparison.Ordinal);
        Assert.Contains("missing: the kernel has no hash 'whirlpool'", lines[4], StringComparison.Ordinal);
        Assert.EndsWith("1 agree, 4 disagree", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void ListMarksTypedAlgorithmsAndHidesUnreachableOnes()
    {
        var result = CliRunner.Run(_dir.Path, [], "list", "--proc-crypto", s_sample);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Text.Split('\n');
        Assert.StartsWith("# source: " + s_sample + "; FIPS mode: off; manifest: built-in default (", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^\*\s+gcm\(aes\)\s+generic-gcm-aesni-avx\s+aead\s+500\s+GcmAes$", lines.First(l => l.Contains("generic-gcm-aesni-avx", StringComparison.Ordinal)));
        Assert.Matches(@"^\s+xchacha20\s", lines.First(l => l.Contains(" xchacha20 ", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("__gcm(aes)", StringComparison.Ordinal) || l.Contains(" cipher ", StringComparison.Ordinal));
        Assert.Contains(CliRunner.Run(_dir.Path, [], "list", "--all", "--proc-crypto", s_sample).Text.Split('\n'), l => l.Contains("__gcm(aes)", StringComparison.Ordinal));
    }

    private static string RepoRoot() =>
        typeof(ManifestTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
}
