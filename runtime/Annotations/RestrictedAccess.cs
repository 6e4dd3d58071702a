namespace TypedAlg.Annotations;

/// <summary>
/// Who may bind an algorithm through AF_ALG while <c>crypto.af_alg_restrict</c> is 1, the default of Linux 7.3
/// (measured: docs/kernels.md). At level 2 no process may; at level 0, and on kernels without the sysctl, every
/// process may.
/// </summary>
// Also compiled into the generator and the analyzers (linked source, TYPEDALG_SHARED_SOURCE), as KernelAlgorithmType is.
#if TYPEDALG_SHARED_SOURCE
internal
#else
public
#endif
enum RestrictedAccess
{
    /// <summary>Not measured (a manifest entry without <c>restrictedAccess</c>).</summary>
    Unknown = 0,
    /// <summary>Any process, unprivileged service users included.</summary>
    AnyProcess,
    /// <summary>Only a process with CAP_NET_ADMIN or CAP_SYS_ADMIN (root has both).</summary>
    Privileged,
    /// <summary>No process: the policy refuses it to everyone.</summary>
    Refused,
}
