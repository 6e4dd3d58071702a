namespace TypedAlg.Runtime;

/// <summary>
/// The kernel has no algorithm of that name for that socket type (bind fails with ENOENT), or refuses it
/// because it runs in FIPS mode.
/// </summary>
public sealed class AlgorithmNotFoundException : AlgorithmUnavailableException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was not found and what exists instead.</param>
    /// <param name="errno">The errno the kernel returned.</param>
    /// <param name="algorithm">The algorithm that was requested.</param>
    /// <param name="closestNames">Names from /proc/crypto that look most like the requested one.</param>
    /// <param name="refusedInFipsMode">Whether the kernel runs in FIPS mode, which explains the refusal.</param>
    public AlgorithmNotFoundException(string message, int errno, string algorithm, IReadOnlyList<string> closestNames, bool refusedInFipsMode)
        : base(message, errno, algorithm, refusedInFipsMode ? UnavailableReason.RefusedInFipsMode : UnavailableReason.NotInKernel)
    {
        ClosestNames = closestNames;
        RefusedInFipsMode = refusedInFipsMode;
    }

    /// <summary>Names from /proc/crypto that look most like the requested one (may be empty).</summary>
    public IReadOnlyList<string> ClosestNames { get; }

    /// <summary>True when /proc/sys/crypto/fips_enabled is 1: the kernel refuses non-approved algorithms.</summary>
    public bool RefusedInFipsMode { get; }
}
