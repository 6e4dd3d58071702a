using System.Linq;

namespace TypedAlg.Manifest;

/// <summary>
/// The kernels TypedAlg is tested on (./test boots each one) and what their AF_ALG policy does by default: the facts
/// behind a manifest's <c>kernels</c> and <c>restrictedAccess</c> and the analyzers' TypedAlgTargetKernels rule
/// (TA0061). Linked into the generator, the analyzers and the CLI.
/// </summary>
internal static class KernelMatrix
{
    /// <summary>The kernel versions of the test matrix, oldest first.</summary>
    public static readonly string[] Versions = { "5.10", "6.1", "6.12", "7.2", "7.3" };

    /// <summary>The first version with <c>crypto.af_alg_restrict</c>; its default there is 1.</summary>
    public const string FirstRestrictingVersion = "7.3";

    /// <summary>The level <c>crypto.af_alg_restrict</c> has after boot on <see cref="FirstRestrictingVersion"/> and later.</summary>
    public const int DefaultRestrictLevel = 1;

    /// <summary>Parses "6.12" or "6.12.3" into (6, 12); null when it is not a kernel version.</summary>
    public static (int Major, int Minor)? Parse(string? version)
    {
        if (version is null)
            return null;
        var parts = version.Trim().Split('.');
        if (parts.Length is < 2 or > 3 || !parts.All(p => p.Length is > 0 and < 6 && p.All(char.IsDigit)))
            return null;
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Compares two parsed versions.</summary>
    public static int Compare((int Major, int Minor) a, (int Major, int Minor) b)
        => a.Major != b.Major ? a.Major.CompareTo(b.Major) : a.Minor.CompareTo(b.Minor);

    /// <summary>
    /// The matrix kernel whose measurements speak for <paramref name="version"/>: itself when it is in the matrix,
    /// else the nearest one below it (what a kernel dropped stays dropped; what it added is minimumKernel's business).
    /// Null below the oldest.
    /// </summary>
    public static string? MeasuredAs(string version)
    {
        var wanted = Parse(version);
        if (wanted is null)
            return null;
        string? best = null;
        foreach (var v in Versions)
        {
            if (Compare(Parse(v)!.Value, wanted.Value) <= 0)
                best = v;
        }

        return best;
    }
}
