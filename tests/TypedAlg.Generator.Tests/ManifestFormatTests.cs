extern alias cli;

using System.Text.Json;
using cli::TypedAlg.Cli.Kernel;
using cli::TypedAlg.Cli.Manifest;
using TypedAlg.Manifest;
using Xunit;

namespace TypedAlg.Generator.Tests;

/// <summary>
/// The manifest format is defined once (shared/ManifestFormat.cs, compiled into the generator and the CLI); the
/// schema and the docs are held to it here, and what the CLI writes must be what the generator reads.
/// </summary>
public sealed class ManifestFormatTests
{
    private static string RepositoryFile(params string[] parts) => Path.Combine([GeneratorRunner.RepositoryRoot(), .. parts]);

    [Fact]
    public void TheSchemaDeclaresExactlyThePropertiesTheParserKnows()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFile("algorithms.schema.json")));
        var root = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name);
        var entry = schema.RootElement.GetProperty("$defs").GetProperty("algorithm").GetProperty("properties").EnumerateObject().Select(p => p.Name);

        Assert.Equal(ManifestFormat.RootProperties.Order(StringComparer.Ordinal), root.Order(StringComparer.Ordinal));
        Assert.Equal(ManifestFormat.EntryProperties.Order(StringComparer.Ordinal), entry.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheDocsDescribeEveryEntryProperty()
    {
        var docs = File.ReadAllText(RepositoryFile("docs", "manifest.md"));
        var table = docs[docs.IndexOf("| Property |", StringComparison.Ordinal)..];
        foreach (var property in ManifestFormat.EntryProperties)
            Assert.Contains($"`{property}`", table, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatManifestImportWritesTheGeneratorReadsWithoutADiagnostic()
    {
        var view = KernelView.FromFile(RepositoryFile("tests", "TypedAlg.Cli.Tests", "Samples", "proc-crypto-6.12.txt"));
        var names = new[] { "sha256", "hmac(sha256)", "cmac(aes)", "cbc(aes)", "xts(aes)", "ctr(aes)", "ecb(aes)", "gcm(aes)", "ccm(aes)", "rfc7539(chacha20,poly1305)", "stdrng" };
        var imported = ManifestImporter.Import(names, view);

        var run = GeneratorRunner.Run(ManifestWriter.Document(imported, "Imported.Crypto"));

        Assert.Empty(run.Diagnostics);
        Assert.Equal(imported.Count, run.Results.Single().GeneratedSources.Length);
    }

    [Fact]
    public void TheDefaultManifestReadByTheCliAndWrittenAgainIsWhatTheGeneratorReadsFromTheOriginal()
    {
        // One entry model: the CLI reads every property the generator reads (availability included) and writes it back.
        var original = File.ReadAllText(RepositoryFile("algorithms.json"));
        var manifest = AlgorithmManifest.Parse(original, "algorithms.json");
        Assert.All(manifest.Entries, e => Assert.NotNull(e.Kernels));
        Assert.All(manifest.Entries, e => Assert.NotNull(e.RestrictedAccess));
        var rewritten = ManifestWriter.Document(manifest.Entries, manifest.Namespace);

        var before = GeneratorRunner.Run(original).Results.Single().GeneratedSources.Select(s => s.SourceText.ToString());
        var after = GeneratorRunner.Run(rewritten).Results.Single().GeneratedSources.Select(s => s.SourceText.ToString());
        Assert.Equal(before, after);
    }

    [Fact]
    public void TheCliRefusesTrailingCommasAsTheGeneratorDoes()
    {
        const string Manifest = "{ \"algorithms\": [ { \"class\": \"Sha256\", \"kernelName\": \"sha256\", \"type\": \"hash\", \"digestSize\": 32, } ] }";

        Assert.Equal("TA1001", Assert.Single(GeneratorRunner.Run(Manifest).Diagnostics).Id);
        Assert.Contains("not valid JSON", Assert.Throws<cli::TypedAlg.Cli.CliException>(() => AlgorithmManifest.Parse(Manifest, "m")).Message, StringComparison.Ordinal);
    }
}
