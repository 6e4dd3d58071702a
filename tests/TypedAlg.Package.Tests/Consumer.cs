namespace TypedAlg.Package.Tests;

/// <summary>
/// A consumer project outside the repository: its own folder under the fixture's temp root, a NuGet.config with the
/// local feed (TypedAlg only, by source mapping) and the normal registry for anything else, and a PackageReference
/// to the version just packed. Nothing from the repository's Directory.Build.props reaches it.
/// </summary>
internal sealed class Consumer
{
    private readonly PackageFixture _package;

    public Consumer(PackageFixture package, string name, string properties = "")
    {
        _package = package;
        Name = name;
        Directory = Path.Combine(package.Root, "consumers", name);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{package.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="TypedAlg" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(Directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TypedAlg" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
    }

    public string Name { get; }

    public string Directory { get; }

    public string Dll => Path.Combine(Directory, "bin", "Debug", "net10.0", Name + ".dll");

    public Consumer WithFile(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public Consumer WithoutFile(string relativePath)
    {
        File.Delete(Path.Combine(Directory, relativePath));
        return this;
    }

    public Task<ProcessResult> DotnetAsync(params string[] args) =>
        Run.DotnetAsync(Directory, _package.ConsumerEnvironment, [.. args, "-nodeReuse:false", "-nologo"]);

    /// <summary>dotnet publish -r linux-x64 (NativeAOT when the project sets PublishAot) into <paramref name="output"/>.</summary>
    public Task<ProcessResult> PublishNativeAsync(string output) =>
        Run.DotnetAsync(Directory, _package.ConsumerEnvironment, TimeSpan.FromMinutes(20),
            ["publish", "-c", "Release", "-r", "linux-x64", "-o", output, "-clp:NoSummary", "-nodeReuse:false", "-nologo"]);

    public Task<ProcessResult> BuildAsync(params string[] properties) =>
        DotnetAsync(["build", "-clp:NoSummary", .. properties]);
}
