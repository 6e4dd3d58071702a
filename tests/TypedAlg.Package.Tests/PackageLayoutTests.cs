using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace TypedAlg.Package.Tests;

/// <summary>What `dotnet pack packaging/TypedAlg.Package.csproj` puts in the one TypedAlg package.</summary>
public sealed class PackageLayoutTests(PackageFixture package)
{
    private static readonly string[] Expected =
    [
        "README.md",
        "analyzers/dotnet/cs/TypedAlg.Analyzers.dll",
        "analyzers/dotnet/cs/TypedAlg.CodeFixes.dll",
        "analyzers/dotnet/cs/TypedAlg.Generator.dll",
        "buildTransitive/TypedAlg.props",
        "buildTransitive/TypedAlg.targets",
        "lib/net10.0/TypedAlg.Managed.dll",
        "lib/net10.0/TypedAlg.Managed.xml",
        "lib/net10.0/TypedAlg.Runtime.dll",
        "lib/net10.0/TypedAlg.Runtime.xml",
        "manifest/algorithms.json",
        "manifest/algorithms.schema.json",
    ];

    [Fact]
    public void HoldsExactlyTheRuntimeTheRoslynComponentsTheBuildFilesTheManifestAndTheReadme()
    {
        // Exact: a stray Microsoft.CodeAnalysis.dll in analyzers/ or a second lib/ folder would break consumers.
        var files = package.Entries()
            .Where(e => !e.StartsWith("_rels/", StringComparison.Ordinal) && !e.StartsWith("package/", StringComparison.Ordinal)
                        && e != "[Content_Types].xml" && !e.EndsWith(".nuspec", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(Expected, files);
    }

    [Fact]
    public void ShipsTheRepositoryDefaultManifestUnchanged()
    {
        Assert.Equal(File.ReadAllBytes(Path.Combine(Run.RepositoryRoot, "algorithms.json")), package.ReadEntry("manifest/algorithms.json"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Run.RepositoryRoot, "packaging", "README.md")), package.ReadEntry("README.md"));
    }

    [Fact]
    public void NuspecNamesTypedAlgWithAReadmeAndNoDependencies()
    {
        var nuspec = XDocument.Parse(System.Text.Encoding.UTF8.GetString(package.ReadEntry("TypedAlg.nuspec")).TrimStart('\uFEFF'));
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("TypedAlg", Value("id"));
        Assert.Equal(package.Version, Value("version"));
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        // The runtime is a run-time dependency of the consumer: the package must not be a development dependency.
        Assert.NotEqual("true", Value("developmentDependency"));
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Theory]
    [InlineData("analyzers/dotnet/cs/TypedAlg.Generator.dll")]
    [InlineData("analyzers/dotnet/cs/TypedAlg.Analyzers.dll")]
    [InlineData("analyzers/dotnet/cs/TypedAlg.CodeFixes.dll")]
    public void RoslynComponentsReferenceRoslyn48SoOlderSdksLoadThem(string entry)
    {
        // A generator or analyzer built against a newer Roslyn than the host compiler is dropped (CS9057).
        using var pe = new PEReader(new MemoryStream(package.ReadEntry(entry)));
        var reader = pe.GetMetadataReader();
        var roslyn = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h))
            .Where(r => reader.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, r => Assert.True(r.Version <= new Version(4, 8, 0, 0), $"{reader.GetString(r.Name)} {r.Version}"));
        Assert.Contains(reader.AssemblyReferences, h => reader.GetString(reader.GetAssemblyReference(h).Name) == "netstandard");
    }

    [Fact]
    public void RuntimeDoesNotDependOnRoslyn()
    {
        using var pe = new PEReader(new MemoryStream(package.ReadEntry("lib/net10.0/TypedAlg.Runtime.dll")));
        var reader = pe.GetMetadataReader();
        Assert.DoesNotContain(reader.AssemblyReferences,
            h => reader.GetString(reader.GetAssemblyReference(h).Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }
}
