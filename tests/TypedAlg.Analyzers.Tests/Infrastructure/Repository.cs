using System.Reflection;

namespace TypedAlg.Analyzers.Tests;

internal static class Repository
{
    /// <summary>The repository root, recorded at build time (Directory.Build.props' RepositoryRoot).</summary>
    public static string Root { get; } =
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
