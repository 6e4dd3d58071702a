using System.Globalization;

namespace TypedAlg.Reliability.KernelTests.Support;

/// <summary>
/// Sizes that ./test keeps small (TCG emulation is slow) and a command can raise: TYPEDALG_* variables pass
/// through tools/kernel-vm/run into the guest. docs/security.md lists the full-size commands.
/// </summary>
public static class Settings
{
    /// <summary>Operations per thread in the 8-thread concurrency test (the full size).</summary>
    public static int ConcurrencyOpsPerThread => Int("TYPEDALG_CONCURRENCY_OPS", 10_000);

    /// <summary>Operations in the soak (the full size is 1,000,000).</summary>
    public static int SoakOps => Int("TYPEDALG_SOAK_OPS", 20_000);

    /// <summary>Random cases per property in the API fuzz tests.</summary>
    public static int FuzzIterations => Int("TYPEDALG_FUZZ_ITERATIONS", 150);

    private static int Int(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
