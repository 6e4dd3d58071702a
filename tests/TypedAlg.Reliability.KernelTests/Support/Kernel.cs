namespace TypedAlg.Reliability.KernelTests.Support;

/// <summary>The kernel the tests run in; expectations branch on it, never skip on it.</summary>
public static class Kernel
{
    public static string Release { get; } = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

    public static Version Version { get; } = Parse(Release);

    /// <summary>ALG_SET_KEY_BY_KEY_SERIAL arrived in 6.2.</summary>
    public static bool HasKeySerial => Version >= new Version(6, 2);

    private static Version Parse(string release)
    {
        var parts = release.Split('.', '-', '+');
        return new Version(int.Parse(parts[0]), int.Parse(parts[1]));
    }
}
