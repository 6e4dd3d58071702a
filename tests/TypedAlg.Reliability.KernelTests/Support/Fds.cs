using Xunit;

namespace TypedAlg.Reliability.KernelTests.Support;

/// <summary>The process's open descriptors, read from /proc/self/fd (the issue's measure of a leak).</summary>
public static class Fds
{
    /// <summary>Open descriptors, not counting the runtime's assembly mappings (a lazily loaded assembly holds two).</summary>
    public static int Count() => List().Count;

    /// <summary>"fd -> target" lines, so a failure shows what was left open; assembly files are left out (see Count).</summary>
    public static IReadOnlyList<string> List() =>
        Directory.GetFileSystemEntries("/proc/self/fd")
            .Select(p => $"{Path.GetFileName(p)} -> {Target(p)}")
            .Where(l => !l.EndsWith(".dll", StringComparison.Ordinal))
            .ToList();

    /// <summary>Runs <paramref name="action"/> and asserts that the descriptor count is the same afterwards.</summary>
    public static void AssertNoneLeft(Action action, string what)
    {
        var before = List();
        action();
        var after = List();
        Assert.True(
            before.Count == after.Count,
            $"{what}: {before.Count} descriptors before, {after.Count} after. New: {string.Join(", ", after.Except(before))}");
    }

    private static string Target(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? "?";
        }
        catch (IOException)
        {
            return "(closed)";
        }
    }
}
