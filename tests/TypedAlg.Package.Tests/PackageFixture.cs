using System.IO.Compression;

[assembly: AssemblyFixture(typeof(TypedAlg.Package.Tests.PackageFixture))]
// Each test runs MSBuild on 2 shared cores; running them side by side only makes each slower.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace TypedAlg.Package.Tests;

/// <summary>
/// Packs the TypedAlg package once per test run, hermetically: everything under one temp folder (build artifacts,
/// the local feed, and the NUGET_PACKAGES folder consumers restore into), with a version no earlier run used, so a
/// cached TypedAlg package can never stand in for the one just built.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    /// <summary>Temp root: artifacts/, feed/, packages/ (consumers' NUGET_PACKAGES), consumers/.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "typedalg-package-tests-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>A version unique to this run (SemVer prerelease, so it sorts below any real release).</summary>
    public string Version { get; } = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string Feed => Path.Combine(Root, "feed");

    public string PackagePath => Path.Combine(Feed, $"TypedAlg.{Version}.nupkg");

    /// <summary>Environment for consumer builds: the private package folder.</summary>
    public IReadOnlyDictionary<string, string?> ConsumerEnvironment => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
    };

    /// <summary>The pack command's output (for failure messages).</summary>
    internal ProcessResult? PackResult { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        // Release, as shipped; --artifacts-path keeps every project's bin/obj out of the repository's default folders.
        PackResult = await Run.DotnetAsync(Run.RepositoryRoot, new Dictionary<string, string?>(),
            "pack", Path.Combine(Run.RepositoryRoot, "packaging", "TypedAlg.Package.csproj"),
            "-c", "Release", "--artifacts-path", Path.Combine(Root, "artifacts"), "-o", Feed,
            $"-p:Version={Version}", "-nodeReuse:false", "-nologo", "-clp:NoSummary");
    }

    public ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("TYPEDALG_KEEP_PACKAGE_TESTS") != "1")
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Fails the calling test with the pack output when the pack did not produce the package.</summary>
    public void AssertPacked()
    {
        Assert.True(PackResult is { ExitCode: 0 } && File.Exists(PackagePath), $"dotnet pack failed:\n{PackResult}");
    }

    /// <summary>Entry names in the package (forward slashes).</summary>
    public IReadOnlyList<string> Entries()
    {
        AssertPacked();
        using var zip = ZipFile.OpenRead(PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    public byte[] ReadEntry(string name)
    {
        AssertPacked();
        using var zip = ZipFile.OpenRead(PackagePath);
        using var stream = zip.GetEntry(name)?.Open() ?? throw new FileNotFoundException(name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
