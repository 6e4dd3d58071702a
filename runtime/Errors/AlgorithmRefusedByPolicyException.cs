namespace TypedAlg.Runtime;

/// <summary>
/// The kernel has AF_ALG but its policy (<c>crypto.af_alg_restrict = 1</c>, Linux 7.3+) refuses the algorithm: it is
/// not on the level-1 allowlist, or only for processes with CAP_NET_ADMIN or CAP_SYS_ADMIN. The kernel itself
/// reports a bare ENOENT; TypedAlg reads the sysctl and the process's capabilities to say which.
/// </summary>
public sealed class AlgorithmRefusedByPolicyException : AlgorithmUnavailableException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The algorithm, the policy level and how to allow it.</param>
    /// <param name="errno">The errno the kernel returned.</param>
    /// <param name="algorithm">The algorithm that was requested.</param>
    /// <param name="restrictLevel">The value of <c>crypto.af_alg_restrict</c>.</param>
    /// <param name="capabilityWouldAllow">Whether CAP_NET_ADMIN or CAP_SYS_ADMIN would let this process bind it.</param>
    public AlgorithmRefusedByPolicyException(string message, int errno, string algorithm, int restrictLevel, bool capabilityWouldAllow)
        : base(message, errno, algorithm, UnavailableReason.RefusedByPolicy)
    {
        RestrictLevel = restrictLevel;
        CapabilityWouldAllow = capabilityWouldAllow;
    }

    /// <summary>The value of <c>/proc/sys/crypto/af_alg_restrict</c> when the kernel refused.</summary>
    public int RestrictLevel { get; }

    /// <summary>True when CAP_NET_ADMIN or CAP_SYS_ADMIN would let this process bind the algorithm at this level.</summary>
    public bool CapabilityWouldAllow { get; }
}
