namespace TypedAlg.KernelTests.Support;

/// <summary>The kernel the tests run in; expectations branch on it, never skip on it.</summary>
public static class Kernel
{
    public static Version Version { get; } = Parse(File.ReadAllText("/proc/sys/kernel/osrelease"));

    public static string Release { get; } = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

    /// <summary>ALG_SET_KEY_BY_KEY_SERIAL arrived in 6.2.</summary>
    public static bool HasKeySerial => Version >= new Version(6, 2);

    private static Version Parse(string release)
    {
        var parts = release.Trim().Split('.', '-', '+');
        return new Version(int.Parse(parts[0]), int.Parse(parts[1]));
    }
}

/// <summary>Seeded random inputs so failures reproduce.</summary>
public static class Inputs
{
    public static byte[] Bytes(int length, int seed)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }
}
