using Microsoft.CodeAnalysis;

namespace TypedAlg.Analyzers.Tests;

public sealed class DescriptorTests
{
    [Fact]
    public void EveryDescriptorHasADocsPageAndAUniqueId()
    {
        var descriptors = AllAnalyzers.Descriptors();
        Assert.Equal(18, descriptors.Length);
        Assert.Equal(descriptors.Length, descriptors.Select(d => d.Id).Distinct().Count());
        foreach (var descriptor in descriptors)
        {
            Assert.EndsWith($"/docs/rules/{descriptor.Id}.md", descriptor.HelpLinkUri);
            var page = Repository.PathOf("docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"missing {page}");
            var text = File.ReadAllText(page);
            foreach (var section in new[] { "## What it finds", "## Why it matters", "## Non-compliant code", "## Compliant code", "## Changing the severity" })
            {
                Assert.Contains(section, text);
            }

            Assert.Contains($"dotnet_diagnostic.{descriptor.Id}.severity", text);
        }
    }

    [Fact]
    public void EveryAnalyzerReportsOnlyCatalogedDescriptorsAndEveryDescriptorHasAnAnalyzer()
    {
        var catalog = AllAnalyzers.Descriptors().Select(d => d.Id).ToHashSet();
        var supported = AllAnalyzers.Create().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        Assert.Equal(catalog.Order(), supported.Order());
    }

    [Fact]
    public void ReleaseTrackingListsEveryRuleWithItsDefaultSeverity()
    {
        var lines = File.ReadAllLines(Repository.PathOf("analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in AllAnalyzers.Descriptors())
        {
            Assert.Contains(lines, l => l.StartsWith($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void NoDocsPageWithoutARule()
    {
        var ids = AllAnalyzers.Descriptors().Select(d => d.Id).ToHashSet();
        foreach (var page in Directory.GetFiles(Repository.PathOf("docs", "rules"), "TA*.md"))
        {
            Assert.Contains(Path.GetFileNameWithoutExtension(page), ids);
        }
    }
}
