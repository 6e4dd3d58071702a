using System.Globalization;
using Microsoft.CodeAnalysis;
using TypedAlg.Generator.Manifest;
using Xunit;

namespace TypedAlg.Generator.Tests;

/// <summary>Malformed manifests give the expected diagnostic at the expected line and column (1-based).</summary>
public sealed class ManifestDiagnosticTests
{
    private const string Sha = "{ \"class\": \"Sha256\", \"kernelName\": \"sha256\", \"type\": \"hash\", \"digestSize\": 32 }";

    public static TheoryData<string, string, string, int, int> Cases => new()
    {
        // name, manifest, expected id, line, column
        { "empty file", "", "TA1001", 1, 1 },
        { "not JSON", "hello", "TA1001", 1, 1 },
        { "missing comma", "{\n  \"algorithms\": [\n    {} {}\n  ]\n}", "TA1001", 3, 8 },
        { "unterminated string", "{\n  \"namespace\": \"TypedAlg\n}", "TA1001", 2, 25 },
        { "trailing comma", "{ \"algorithms\": [ ], }", "TA1001", 1, 22 },
        { "unquoted name", "{ algorithms: [] }", "TA1001", 1, 3 },
        { "truncated", "{ \"algorithms\": [ { \"class\": \"A\"", "TA1001", 1, 33 },
        { "garbage after document", "{ \"algorithms\": [] } x", "TA1001", 1, 22 },
        { "unterminated comment", "{ \"algorithms\": [] } /* x", "TA1001", 1, 22 },
        { "bad escape", "{ \"namespace\": \"a\\qb\", \"algorithms\": [] }", "TA1001", 1, 18 },
        { "leading zero", "{ \"algorithms\": [ 012 ] }", "TA1001", 1, 19 },
        { "root is array", "[]", "TA1002", 1, 1 },
        { "algorithms is object", "{ \"algorithms\": {} }", "TA1002", 1, 17 },
        { "no algorithms", "{ \"namespace\": \"X\" }", "TA1004", 1, 1 },
        { "unknown type", "{ \"algorithms\": [\n  { \"class\": \"A\", \"kernelName\": \"x\", \"type\": \"cipher\" }\n] }", "TA1003", 2, 46 },
        { "missing kernel name", "{ \"algorithms\": [\n  { \"class\": \"A\", \"type\": \"rng\" }\n] }", "TA1004", 2, 3 },
        { "missing digest size", "{ \"algorithms\": [\n  { \"class\": \"A\", \"kernelName\": \"sha1\", \"type\": \"hash\" }\n] }", "TA1004", 2, 3 },
        { "zero key size", "{ \"algorithms\": [\n  { \"class\": \"A\", \"kernelName\": \"cbc(aes)\", \"type\": \"skcipher\",\n    \"keySizes\": [16, 0], \"ivSize\": 16, \"blockSize\": 16 }\n] }", "TA1005", 3, 22 },
        { "fractional size", "{ \"algorithms\": [\n  { \"class\": \"A\", \"kernelName\": \"sha1\", \"type\": \"hash\", \"digestSize\": 20.5 }\n] }", "TA1005", 2, 71 },
        { "size as string", "{ \"algorithms\": [\n  { \"class\": \"A\", \"kernelName\": \"sha1\", \"type\": \"hash\", \"digestSize\": \"20\" }\n] }", "TA1002", 2, 71 },
        { "duplicate key size", "{ \"algorithms\": [\n  { \"class\": \"A\", \"kernelName\": \"gcm(aes)\", \"type\": \"aead\", \"keySizes\": [16, 16], \"nonceSize\": 12, \"tagSize\": 16 }\n] }", "TA1005", 2, 78 },
        { "ccm nonce too long", "{ \"algorithms\": [\n  { \"class\": \"A\", \"kernelName\": \"ccm(aes)\", \"type\": \"aead\", \"keySizes\": [16],\n    \"nonceSize\": 14, \"nonceEncoding\": \"ccm\", \"tagSize\": 16 }\n] }", "TA1005", 3, 18 },
        { "ccm without encoding", "{ \"algorithms\": [\n  { \"class\": \"A\", \"kernelName\": \"ccm(aes)\", \"type\": \"aead\", \"keySizes\": [16], \"nonceSize\": 12, \"tagSize\": 16 }\n] }", "TA1013", 2, 92 },
        { "gcm tag size", "{ \"algorithms\": [\n  { \"class\": \"A\", \"kernelName\": \"gcm(aes)\", \"type\": \"aead\", \"keySizes\": [16], \"nonceSize\": 12,\n    \"tagSize\": 10 }\n] }", "TA1008", 3, 16 },
        { "chacha tag size", "{ \"algorithms\": [\n  { \"class\": \"A\", \"kernelName\": \"rfc7539(chacha20,poly1305)\", \"type\": \"aead\", \"keySizes\": [32], \"nonceSize\": 12, \"tagSize\": 12 }\n] }", "TA1008", 2, 125 },
        { "duplicate class", "{ \"algorithms\": [\n  " + Sha + ",\n  " + Sha + "\n] }", "TA1006", 3, 14 },
        { "class is keyword", "{ \"algorithms\": [\n  { \"class\": \"class\", \"kernelName\": \"stdrng\", \"type\": \"rng\" }\n] }", "TA1007", 2, 14 },
        { "class not identifier", "{ \"algorithms\": [\n  { \"class\": \"Sha-256\", \"kernelName\": \"stdrng\", \"type\": \"rng\" }\n] }", "TA1007", 2, 14 },
        { "class is nested type", "{ \"algorithms\": [\n  { \"class\": \"Nonce\", \"kernelName\": \"stdrng\", \"type\": \"rng\" }\n] }", "TA1007", 2, 14 },
        { "insecure without reason", "{ \"algorithms\": [\n  { \"class\": \"Md5\", \"kernelName\": \"md5\", \"type\": \"hash\", \"digestSize\": 16 }\n] }", "TA1009", 2, 35 },
        { "insecure driver name", "{ \"algorithms\": [\n  { \"class\": \"E\", \"kernelName\": \"ecb-aes-aesni\", \"type\": \"skcipher\", \"keySizes\": [16], \"ivSize\": 0, \"blockSize\": 16 }\n] }", "TA1009", 2, 33 },
        { "unknown property", "{ \"algorithms\": [\n  { \"class\": \"R\", \"kernelName\": \"stdrng\", \"type\": \"rng\", \"seedSize\": 4 }\n] }", "TA1010", 2, 58 },
        { "unused property", "{ \"algorithms\": [\n  { \"class\": \"R\", \"kernelName\": \"stdrng\", \"type\": \"rng\", \"tagSize\": 4 }\n] }", "TA1010", 2, 58 },
        { "bad namespace", "{ \"namespace\": \"My..Name\", \"algorithms\": [] }", "TA1011", 1, 16 },
        { "kernel name spaces", "{ \"algorithms\": [\n  { \"class\": \"R\", \"kernelName\": \"std rng\", \"type\": \"rng\" }\n] }", "TA1012", 2, 33 },
        { "kernel name parens", "{ \"algorithms\": [\n  { \"class\": \"R\", \"kernelName\": \"cbc(aes\", \"type\": \"rng\" }\n] }", "TA1012", 2, 33 },
        { "minimum kernel", "{ \"algorithms\": [\n  { \"class\": \"R\", \"kernelName\": \"stdrng\", \"type\": \"rng\", \"minimumKernel\": \"six\" }\n] }", "TA1013", 2, 75 },
        { "kernels not a list", "{ \"algorithms\": [\n  { \"class\": \"R\", \"kernelName\": \"stdrng\", \"type\": \"rng\", \"kernels\": \"6.12\" }\n] }", "TA1002", 2, 69 },
        { "kernel not a version", "{ \"algorithms\": [\n  { \"class\": \"R\", \"kernelName\": \"stdrng\", \"type\": \"rng\", \"kernels\": [\"6.12\", \"next\"] }\n] }", "TA1013", 2, 78 },
        { "kernel twice", "{ \"algorithms\": [\n  { \"class\": \"R\", \"kernelName\": \"stdrng\", \"type\": \"rng\", \"kernels\": [\"6.12\", \"6.12\"] }\n] }", "TA1013", 2, 78 },
        { "restricted access", "{ \"algorithms\": [\n  { \"class\": \"R\", \"kernelName\": \"stdrng\", \"type\": \"rng\", \"restrictedAccess\": \"root\" }\n] }", "TA1013", 2, 78 },
        { "driver on rng", "{ \"algorithms\": [\n  { \"class\": \"R\", \"kernelName\": \"stdrng\", \"type\": \"rng\", \"driver\": \"drbg_nopr_sha256\" }\n] }", "TA1013", 2, 68 },
        { "driver with a space", "{ \"algorithms\": [\n  { \"class\": \"H\", \"kernelName\": \"sha1\", \"type\": \"hash\", \"digestSize\": 20, \"driver\": \"sha1 engine\" }\n] }", "TA1013", 2, 85 },
        { "both key kinds", "{ \"algorithms\": [\n  { \"class\": \"H\", \"kernelName\": \"hmac(sha1)\", \"type\": \"hash\", \"digestSize\": 20, \"keySizes\": [16], \"minimumKeySize\": 16 }\n] }", "TA1013", 2, 117 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedManifestReportsAtLineAndColumn(string name, string manifest, string id, int line, int column)
    {
        var run = GeneratorRunner.Run(manifest);
        Assert.Null(run.Results.Single().Exception);
        var diagnostic = run.Diagnostics.FirstOrDefault(d => d.Id == id);
        Assert.True(diagnostic is not null, $"{name}: expected {id}, got: {string.Join("; ", run.Diagnostics)}");
        var position = diagnostic!.Location.GetLineSpan();
        Assert.Equal("/src/algorithms.json", position.Path);
        Assert.Equal((line, column), (position.StartLinePosition.Line + 1, position.StartLinePosition.Character + 1));
        Assert.False(string.IsNullOrEmpty(diagnostic.Descriptor.HelpLinkUri));
    }

    [Fact]
    public void EntryWithAnErrorIsSkippedAndTheOthersAreGenerated()
    {
        var run = GeneratorRunner.Run("{ \"algorithms\": [ " + Sha + ", { \"class\": \"Bad\", \"kernelName\": \"x\", \"type\": \"nope\" } ] }");
        Assert.Contains(run.Diagnostics, d => d.Id == "TA1003");
        Assert.Equal(new[] { "algorithms.json.TypedAlg.Sha256.g.cs" }, run.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void PropertyGivenTwiceIsAnErrorThatSaysTheEntryIsNotGenerated()
    {
        var run = GeneratorRunner.Run("{ \"algorithms\": [ " + Sha + ", { \"class\": \"Twice\", \"kernelName\": \"sha1\", \"type\": \"hash\", \"digestSize\": 20, \"digestSize\": 32 } ] }");
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("TA1013", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.DoesNotContain("is used", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains("not generated", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(new[] { "algorithms.json.TypedAlg.Sha256.g.cs" }, run.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Theory]
    [InlineData(103, false)]
    [InlineData(104, true)]
    public void KernelNameLengthIsWhatTheRuntimeCanBind(int length, bool refused)
    {
        // 103 = KernelFacts.MaxAlgorithmNameLength, the limit SockaddrAlg enforces before bind.
        var name = "cbc(" + new string('a', length - 5) + ")";
        var run = GeneratorRunner.Run("{ \"algorithms\": [ { \"class\": \"Long\", \"kernelName\": \"" + name + "\", \"type\": \"hash\", \"digestSize\": 16 } ] }");
        Assert.Equal(refused, run.Diagnostics.Any(d => d.Id == "TA1012"));
    }

    [Fact]
    public void DefaultManifestHasNoDiagnostics()
    {
        // Its insecure entries (EcbAes, Md5) say why, so only their uses are flagged (TA0030).
        var run = GeneratorRunner.Run(GeneratorRunner.DefaultManifestText());
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void InsecureEntryWithAReasonIsNotFlaggedButCarriesTheReason()
    {
        var run = GeneratorRunner.Run("{ \"algorithms\": [ { \"class\": \"Md5\", \"kernelName\": \"md5\", \"type\": \"hash\", \"digestSize\": 16, \"insecure\": \"collisions\" } ] }");
        Assert.Empty(run.Diagnostics);
        Assert.Contains("InsecureReason = \"collisions\"", run.Results.Single().GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void InsecureEntryWithoutAReasonGetsTheKnownOne()
    {
        var run = GeneratorRunner.Run("{ \"algorithms\": [ { \"class\": \"Md5\", \"kernelName\": \"md5\", \"type\": \"hash\", \"digestSize\": 16 } ] }");
        Assert.Equal("TA1009", Assert.Single(run.Diagnostics).Id);
        Assert.Contains("InsecureReason = \"MD5 collisions can be computed in seconds.\"", run.Results.Single().GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void OnlyManifestFileNamesAreRead()
    {
        Assert.True(AlgorithmGenerator.IsManifest("/a/algorithms.json"));
        Assert.True(AlgorithmGenerator.IsManifest("/a/extra.algorithms.json"));
        Assert.False(AlgorithmGenerator.IsManifest("/a/appsettings.json"));
        Assert.False(AlgorithmGenerator.IsManifest("/a/myalgorithms.json"));
    }

    [Fact]
    public void MutatedManifestsNeverThrow()
    {
        // Every prefix and every single-character corruption of the default manifest: the parser must
        // answer with diagnostics, never an exception (which would become a compiler crash warning).
        var text = GeneratorRunner.DefaultManifestText();
        var random = new Random(4);
        var inputs = Enumerable.Range(0, 400).Select(i => text[..(i * text.Length / 400)])
            .Concat(Enumerable.Range(0, 400).Select(_ =>
            {
                var chars = text.ToCharArray();
                chars[random.Next(chars.Length)] = "{}[]\",:0-ex\\/\n\u0001"[random.Next(15)];
                return new string(chars);
            }))
            .Append(new string('[', 10_000))
            .Append(new string('{', 10_000));
        foreach (var input in inputs)
        {
            var spec = ManifestParser.Parse("/src/algorithms.json", input, TestContext.Current.CancellationToken);
            Assert.True(spec.Algorithms.Count > 0 || spec.Diagnostics.Count > 0 || input.Trim().Length > 0);
        }
    }

    [Fact]
    public void BrokenManifestDoesNotFailTheGenerator()
    {
        var run = GeneratorRunner.Run("{ \"algorithms\": [ { \"class\": ");
        Assert.Null(run.Results.Single().Exception);
        Assert.Empty(run.GeneratedTrees);
        Assert.Equal("TA1001", Assert.Single(run.Diagnostics).Id);
    }
}
