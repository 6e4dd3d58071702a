using System.Text.RegularExpressions;

namespace TypedAlg.Package.Tests;

/// <summary>
/// Fresh projects outside the repository that know TypedAlg only through the packed package: one with planted misuse
/// that the packaged analyzers must report, and a clean one that must build without a diagnostic and then run against
/// a real kernel (tools/kernel-vm/run: the host kernel has no AF_ALG).
/// </summary>
public sealed partial class ConsumerTests(PackageFixture package)
{
    private const string MisuseSource = """
        using TypedAlg;

        internal static class Program
        {
            private static void Main()
            {
                var shortKey = GcmAes.Key128.Create(new byte[15]); // planted: TA0001
                using var gcm = new GcmAes(GcmAes.Key128.Random());
                var zeros = new byte[12];
                var nonce = GcmAes.Nonce.Create(zeros); // planted: TA0011
                var ciphertext = new byte[5];
                gcm.Encrypt(nonce, "hello"u8, ciphertext, out var tag);
                var legacy = Md5.Hash("hello"u8); // planted: TA0060
                Console.WriteLine($"{shortKey} {tag} {legacy}");
            }
        }
        """;

    // Against the default manifest (no algorithms.json) plus one *.algorithms.json of its own, with the FIPS rule on:
    // every class used is FIPS-approved, so it must build without any diagnostic.
    private const string CleanSource = """
        using System.Security.Cryptography;
        using System.Text;
        using TypedAlg;
        using TypedAlg.Runtime;

        Console.WriteLine($"fips: {KernelCrypto.FipsEnabled}");
        Console.WriteLine($"approved: {GcmAes.FipsApproved} {Sha256.FipsApproved}");
        Console.WriteLine($"sha256: {Sha256.Hash("abc"u8)}");
        Console.WriteLine($"sha224: {Clean.Extra.Sha224.Hash("abc"u8)}");

        var key = GcmAes.Key256.Random();
        using var gcm = new GcmAes(key);
        var nonce = GcmAes.Nonce.Random();
        var plaintext = Encoding.UTF8.GetBytes("typed kernel crypto");
        var ciphertext = new byte[plaintext.Length];
        gcm.Encrypt(nonce, plaintext, ciphertext, out var tag, "header"u8);

        // The kernel's GCM against .NET's own (OpenSSL) for the same key and nonce.
        using var reference = new AesGcm(key.AsSpan(), GcmAes.TagSize);
        var expected = new byte[plaintext.Length];
        var expectedTag = new byte[GcmAes.TagSize];
        reference.Encrypt(nonce.AsSpan(), plaintext, expected, expectedTag, "header"u8);
        Console.WriteLine($"gcm matches AesGcm: {CryptographicOperations.FixedTimeEquals(expected, ciphertext) && CryptographicOperations.FixedTimeEquals(expectedTag, tag.AsSpan())}");

        var opened = new byte[ciphertext.Length];
        if (!gcm.TryDecrypt(nonce, ciphertext, tag, opened, "header"u8))
        {
            Console.WriteLine("gcm: rejected");
            return 1;
        }

        Console.WriteLine($"gcm: {Encoding.UTF8.GetString(opened)}");
        ciphertext[0] ^= 1;
        Console.WriteLine($"gcm tampered accepted: {gcm.TryDecrypt(nonce, ciphertext, tag, opened, "header"u8)}");
        Console.WriteLine($"sealed: {Encoding.UTF8.GetString(gcm.Open(gcm.Seal("round trip"u8)))}");

        // Streaming AEAD (the runtime's, over the kernel's gcm(aes)): several segments, then one flipped bit.
        var streaming = TypedAlg.Runtime.Streaming.StreamingAead.AesGcmHkdfSha256();
        var streamKey = RandomNumberGenerator.GetBytes(32);
        var large = new byte[300_000];
        var sealedStream = streaming.Seal(streamKey, large, "ad"u8);
        Console.WriteLine($"streaming: {streaming.Open(streamKey, sealedStream, "ad"u8).Length} bytes back");
        sealedStream[^1] ^= 1;
        string verdict;
        try
        {
            streaming.Open(streamKey, sealedStream, "ad"u8);
            verdict = "accepted";
        }
        catch (AuthenticationTagMismatchException)
        {
            verdict = "rejected";
        }

        Console.WriteLine($"streaming tampered: {verdict}");

        return 0;
        """;

    private const string ExtraManifest = """
        {
          "namespace": "Clean.Extra",
          "algorithms": [
            { "class": "Sha224", "kernelName": "sha224", "type": "hash", "digestSize": 28, "blockSize": 64, "fipsApproved": true }
          ]
        }
        """;

    [GeneratedRegex(@"Program\.cs\((?<line>\d+),\d+\): (?<level>error|warning) (?<id>[A-Z]+\d+):")]
    private static partial Regex Diagnostic();

    private static HashSet<(int Line, string Level, string Id)> Diagnostics(string output) =>
        Diagnostic().Matches(output).Select(m => (int.Parse(m.Groups["line"].Value), m.Groups["level"].Value, m.Groups["id"].Value)).ToHashSet();

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : text.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? "" : text[(from + start.Length)..to];
    }

    private static int LineOf(string source, string marker) =>
        source.Split('\n').Select((text, index) => (text, index)).Single(l => l.text.Contains(marker, StringComparison.Ordinal)).index + 1;

    [Fact]
    public async Task PackagedAnalyzersReportPlantedMisuseAndTheFipsRuleFollowsTheProperty()
    {
        package.AssertPacked();
        var consumer = new Consumer(package, "Misuse", "<TypedAlgRequireFips>true</TypedAlgRequireFips>")
            .WithFile("Program.cs", MisuseSource);

        var build = await consumer.BuildAsync();
        var found = Diagnostics(build.Output);
        Assert.NotEqual(0, build.ExitCode);
        foreach (var id in new[] { "TA0001", "TA0011", "TA0060" })
        {
            Assert.True(found.Contains((LineOf(MisuseSource, "planted: " + id), "error", id)), $"no error {id} on its line:\n{build}");
        }

        // The generator ran (GcmAes, Md5 exist) and no analyzer crashed: only TypedAlg rules fail the build.
        Assert.DoesNotContain("error CS", build.Output);
        Assert.DoesNotContain("AD0001", build.Output);

        // The same project without the property: TA0060 is gone, the other rules are not.
        var withoutFips = await consumer.BuildAsync("-p:TypedAlgRequireFips=false");
        var foundWithout = Diagnostics(withoutFips.Output);
        Assert.DoesNotContain(foundWithout, d => d.Id == "TA0060");
        Assert.Contains((LineOf(MisuseSource, "planted: TA0001"), "error", "TA0001"), foundWithout);
    }

    // Uses that Linux 7.3 with its default AF_ALG policy will not serve, and one it will.
    private const string TargetSource = """
        using TypedAlg;

        internal static class Program
        {
            private static void Main()
            {
                using var gcm = new GcmAes(GcmAes.Key128.Random()); // planted: TA0061 policy
                using var rng = new StdRng(); // planted: TA0061 no DRBG
                var digest = Sha1.Hash("hello"u8);
                System.Console.WriteLine($"{gcm} {rng} {digest}");
            }
        }
        """;

    [Fact]
    public async Task TheTargetKernelRuleWarnsOnTheLinesThatWillNotWorkOnTheTargets()
    {
        package.AssertPacked();

        // The list as users write it, with ';': the package's targets must get it past the analyzer config file intact.
        // TA0061 is a warning: this consumer keeps warnings as warnings to see the default severity.
        var consumer = new Consumer(package, "Targets", "<TypedAlgTargetKernels>6.12;7.3</TypedAlgTargetKernels><TreatWarningsAsErrors>false</TreatWarningsAsErrors>")
            .WithFile("Program.cs", TargetSource);
        var build = await consumer.BuildAsync();
        Assert.True(build.ExitCode == 0, build.ToString());
        var found = Diagnostics(build.Output);
        Assert.Equal(
            new[] { (LineOf(TargetSource, "TA0061 policy"), "warning", "TA0061"), (LineOf(TargetSource, "TA0061 no DRBG"), "warning", "TA0061") }.ToHashSet(),
            found.Where(d => d.Id.StartsWith("TA006", StringComparison.Ordinal)).ToHashSet());
        Assert.Contains("the default of Linux 7.3", build.Output, StringComparison.Ordinal);
        Assert.Contains("Linux 7.3 (TypedAlgTargetKernels) registers no DRBG", build.Output, StringComparison.Ordinal);

        // Only 6.12: everything used is served there, so nothing fires.
        var only612 = await consumer.BuildAsync("-p:TypedAlgTargetKernels=6.12");
        Assert.True(only612.ExitCode == 0, only612.ToString());
        Assert.DoesNotContain(Diagnostics(only612.Output), d => d.Id.StartsWith("TA006", StringComparison.Ordinal));
    }

    // The clean consumer is also published with NativeAOT (once per run: it takes minutes here) and both builds run in one
    // boot, with the same output. PublishAot in the project turns on the AOT and trim analyzers for the build as well.
    [Fact]
    public async Task CleanConsumerBuildsWithoutDiagnosticsAndRunsAgainstARealKernelJitAndNativeAot()
    {
        package.AssertPacked();
        var consumer = new Consumer(package, "Clean", "<TypedAlgRequireFips>true</TypedAlgRequireFips><PublishAot>true</PublishAot>")
            .WithFile("Program.cs", CleanSource)
            .WithFile("extra.algorithms.json", ExtraManifest);

        var build = await consumer.BuildAsync();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(Diagnostics(build.Output));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(consumer.Dll)!, "TypedAlg.Runtime.dll")), "the runtime is not copied to the output");

        var native = Path.Combine(consumer.Directory, "aot", consumer.Name);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var publish = await consumer.PublishNativeAsync(Path.GetDirectoryName(native)!);
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase); // no trim (IL2xxx) or AOT (IL3xxx) warning
        Assert.True(File.Exists(native), $"no native executable at {native}:\n{publish}");
        TestContext.Current.SendDiagnosticMessage($"NativeAOT publish: {started.Elapsed.TotalSeconds:F0} s, {new FileInfo(native).Length / 1024} KiB");

        // ./test's convention: TYPEDALG_KERNELS="" means host only.
        var kernels = Environment.GetEnvironmentVariable("TYPEDALG_KERNELS");
        if (kernels is not null && string.IsNullOrWhiteSpace(kernels))
        {
            Assert.Skip("TYPEDALG_KERNELS is empty (host only): the consumer was built but not run in a guest");
        }

        var first = kernels?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        // The consumer uses GCM, which 7.3's default AF_ALG policy refuses: run it as ./test's normal 7.3 boot does.
        string[] kernel = first is null ? [] : first == "7.3" ? ["--kernel", first, "--sysctl", "crypto.af_alg_restrict=0"] : ["--kernel", first];
        var run = await Run.ProcessAsync(Path.Combine(Run.RepositoryRoot, "tools", "kernel-vm", "run"), consumer.Directory,
            new Dictionary<string, string?>(), TimeSpan.FromMinutes(6),
            [.. kernel, "--timeout", "300", "--", "sh", "-c", "echo '== jit' && dotnet \"$0\" && echo '== native' && \"$1\" && echo '== end'", consumer.Dll, native]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var jit = Between(run.Output, "== jit\n", "== native\n");
        Assert.True(jit.Length > 0, run.ToString());
        Assert.Equal(jit, Between(run.Output, "== native\n", "== end\n"));
        Assert.Contains("streaming: 300000 bytes back", run.Output);
        Assert.Contains("streaming tampered: rejected", run.Output);
        Assert.Contains("sha256: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", run.Output);
        Assert.Contains("sha224: 23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7", run.Output);
        Assert.Contains("approved: True True", run.Output);
        Assert.Contains("gcm matches AesGcm: True", run.Output);
        Assert.Contains("gcm: typed kernel crypto", run.Output);
        Assert.Contains("gcm tampered accepted: False", run.Output);
        Assert.Contains("sealed: round trip", run.Output);
        Assert.Contains("fips: False", run.Output);
    }

    // Issue 16: the same typed classes where the kernel cannot serve them. The host is not a guest and has no AF_ALG, so
    // with the fallback on every class used runs on System.Security.Cryptography and says so.
    private const string FallbackSource = """
        using System.Security.Cryptography;
        using TypedAlg;
        using TypedAlg.Runtime;

        Console.WriteLine($"af_alg: {KernelCrypto.IsAfAlgAvailable}");
        var key = GcmAes.Key256.Random();
        using var gcm = new GcmAes(key);
        var nonce = GcmAes.Nonce.Random();
        var plaintext = RandomNumberGenerator.GetBytes(100_000);
        var ciphertext = new byte[plaintext.Length];
        gcm.Encrypt(nonce, plaintext, ciphertext, out var tag, "header"u8);
        using var reference = new AesGcm(key.AsSpan(), GcmAes.TagSize);
        var expected = new byte[plaintext.Length];
        var expectedTag = new byte[GcmAes.TagSize];
        reference.Encrypt(nonce.AsSpan(), plaintext, expected, expectedTag, "header"u8);
        Console.WriteLine($"gcm backend: {gcm.Backend}");
        Console.WriteLine($"gcm matches AesGcm: {CryptographicOperations.FixedTimeEquals(expected, ciphertext) && CryptographicOperations.FixedTimeEquals(expectedTag, tag.AsSpan())}");
        Console.WriteLine($"sha256 matches SHA256: {CryptographicOperations.FixedTimeEquals(Sha256.Hash(plaintext).AsSpan(), SHA256.HashData(plaintext))}");
        using var hmac = new HmacSha256(key.AsSpan());
        Console.WriteLine($"hmac backend: {hmac.Backend}, matches HMACSHA256: {CryptographicOperations.FixedTimeEquals(hmac.Compute(plaintext).AsSpan(), HMACSHA256.HashData(key.AsSpan(), plaintext))}");
        using var cbc = new CbcAes(CbcAes.Key128.Random());
        var iv = CbcAes.Iv.Random();
        Console.WriteLine($"cbc round trip: {cbc.DecryptPkcs7(iv, cbc.EncryptPkcs7(iv, "padded"u8)).AsSpan().SequenceEqual("padded"u8)}");
        try
        {
            using var xts = new XtsAes(XtsAes.Key256.Random());
            Console.WriteLine("xts: served");
        }
        catch (NotSupportedException e)
        {
            Console.WriteLine($"xts: {e.Message}");
        }
        """;

    [Fact]
    public async Task FallbackConsumerRunsOnTheHostOnTheManagedBackend()
    {
        package.AssertPacked();
        var consumer = new Consumer(package, "Fallback", "<TypedAlgBackend>KernelThenManaged</TypedAlgBackend>")
            .WithFile("Program.cs", FallbackSource);
        var build = await consumer.BuildAsync();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(Diagnostics(build.Output));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(consumer.Dll)!, "TypedAlg.Managed.dll")), "the managed backend is not copied to the output");

        var run = await Run.DotnetAsync(consumer.Directory, new Dictionary<string, string?>(), consumer.Dll);
        Assert.True(run.ExitCode == 0, run.ToString());
        // The host has no AF_ALG (only the guests do): every class used falls back.
        Assert.True(run.Output.Contains("af_alg: False", StringComparison.Ordinal), "this test expects a host without AF_ALG:\n" + run);
        Assert.Contains("gcm backend: Managed", run.Output);
        Assert.Contains("gcm matches AesGcm: True", run.Output);
        Assert.Contains("sha256 matches SHA256: True", run.Output);
        Assert.Contains("hmac backend: Managed, matches HMACSHA256: True", run.Output);
        Assert.Contains("cbc round trip: True", run.Output);
        Assert.Contains("xts: 'xts(aes)' has no managed backend: .NET has no XTS mode", run.Output);

        // The same project with the FIPS requirement: TA0063 rejects the fallback setting at compile time.
        var fips = await consumer.BuildAsync("-p:TypedAlgRequireFips=true");
        Assert.NotEqual(0, fips.ExitCode);
        Assert.Contains(Diagnostics(fips.Output), d => d.Id == "TA0063" && d.Level == "error");
    }
}
