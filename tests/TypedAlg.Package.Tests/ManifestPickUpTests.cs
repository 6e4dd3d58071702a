using System.Text.Json;

namespace TypedAlg.Package.Tests;

/// <summary>
/// buildTransitive/TypedAlg.targets: which manifests reach the generator (AdditionalFiles), read back with
/// `dotnet msbuild -getItem` on one restored consumer while its files change. No compilation, so it is quick.
/// </summary>
public sealed class ManifestPickUpTests(PackageFixture package)
{
    private const string EmptyManifest = """{ "namespace": "Own", "algorithms": [] }""";

    private async Task<List<string>> ManifestsAsync(Consumer consumer, params string[] properties)
    {
        var result = await consumer.DotnetAsync(["msbuild", "-getItem:AdditionalFiles", .. properties]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{')..]);
        return json.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(i => Path.GetRelativePath(consumer.Directory, i.GetProperty("FullPath").GetString()!).Replace('\\', '/'))
            .Select(p => p.Contains("/manifest/algorithms.json", StringComparison.Ordinal) && p.Contains("typedalg", StringComparison.OrdinalIgnoreCase)
                ? "<default>"
                : p)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public async Task ProjectManifestsReplaceOrExtendTheDefault()
    {
        package.AssertPacked();
        var consumer = new Consumer(package, "PickUp").WithFile("Program.cs", "System.Console.WriteLine();");
        var restore = await consumer.DotnetAsync("restore");
        Assert.True(restore.ExitCode == 0, restore.ToString());

        // No manifest of its own: the package's default, from the package folder this consumer restored into.
        Assert.Equal(["<default>"], await ManifestsAsync(consumer));
        var defaultPath = Path.Combine(package.ConsumerEnvironment["NUGET_PACKAGES"]!, "typedalg", package.Version, "manifest", "algorithms.json");
        Assert.True(File.Exists(defaultPath), defaultPath);

        // *.algorithms.json adds to the default.
        consumer.WithFile("extra.algorithms.json", EmptyManifest);
        Assert.Equal(["<default>", "extra.algorithms.json"], await ManifestsAsync(consumer));

        // algorithms.json replaces it; the extra one stays.
        consumer.WithFile("algorithms.json", EmptyManifest);
        Assert.Equal(["algorithms.json", "extra.algorithms.json"], await ManifestsAsync(consumer));

        // Opting out of the folder pick-up leaves only the default.
        Assert.Equal(["<default>"], await ManifestsAsync(consumer, "-p:TypedAlgAutoManifests=false"));

        // An algorithms.json listed elsewhere also replaces the default, and a listed file is not added twice.
        consumer.WithoutFile("algorithms.json").WithFile("crypto/algorithms.json", EmptyManifest);
        File.WriteAllText(Path.Combine(consumer.Directory, "PickUp.csproj"), File.ReadAllText(Path.Combine(consumer.Directory, "PickUp.csproj"))
            .Replace("</Project>", """
                  <ItemGroup>
                    <AdditionalFiles Include="crypto/algorithms.json" />
                    <AdditionalFiles Include="extra.algorithms.json" />
                  </ItemGroup>
                </Project>
                """));
        Assert.Equal(["crypto/algorithms.json", "extra.algorithms.json"], await ManifestsAsync(consumer));

        // And the default can be switched off entirely.
        consumer.WithoutFile("crypto/algorithms.json");
        File.WriteAllText(Path.Combine(consumer.Directory, "PickUp.csproj"), File.ReadAllText(Path.Combine(consumer.Directory, "PickUp.csproj"))
            .Replace("""<AdditionalFiles Include="crypto/algorithms.json" />""", ""));
        Assert.Equal(["extra.algorithms.json"], await ManifestsAsync(consumer, "-p:TypedAlgUseDefaultManifest=false"));
    }
}
