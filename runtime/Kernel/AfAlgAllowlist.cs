using System.Collections.Frozen;

namespace TypedAlg.Runtime;

/// <summary>
/// What Linux 7.3 binds while <c>crypto.af_alg_restrict</c> is 1. The kernel says nothing but ENOENT, so this
/// table is how a refusal can be told from a missing algorithm and how the fix can be named.
/// </summary>
/// <remarks>
/// Source: measured on Debian's 7.3.4+deb13-amd64 (trixie-backports) by binding 70 names in four processes:
/// root, root with only CAP_NET_ADMIN, root with only CAP_SYS_ADMIN, uid 65534 with no capabilities
/// (probe and results: docs/kernels.md). Names are matched exactly: a driver name such as <c>cbc-aes-aesni</c>
/// is refused at level 1 even where <c>cbc(aes)</c> binds. The restrict=1 boots of ./test assert this table.
/// </remarks>
internal static class AfAlgAllowlist
{
    /// <summary>Bound by any process at level 1.</summary>
    internal static readonly FrozenSet<string> AnyProcess = FrozenSet.ToFrozenSet(
    [
        "sha1", "xts(aes)", "adiantum(xchacha12,aes)",
    ], StringComparer.Ordinal);

    /// <summary>Bound at level 1 by a process with CAP_NET_ADMIN or CAP_SYS_ADMIN (either is enough).</summary>
    internal static readonly FrozenSet<string> WithCapability = FrozenSet.ToFrozenSet(
    [
        "sha224", "sha256", "sha384", "sha512", "md5", "md4",
        "hmac(sha1)", "hmac(sha256)", "hmac(sha384)", "hmac(sha512)", "hmac(md5)", "cmac(aes)",
        "cbc(aes)", "ctr(aes)", "ecb(aes)", "cbc(des3_ede)", "ccm(aes)",
    ], StringComparer.Ordinal);

    /// <summary>What the policy at <paramref name="level"/> does to <paramref name="algorithm"/> in a process with or without the capability.</summary>
    internal static PolicyVerdict Check(string algorithm, int? level, bool hasCapability) => level switch
    {
        null or 0 => PolicyVerdict.Allowed,
        1 when AnyProcess.Contains(algorithm) => PolicyVerdict.Allowed,
        1 when WithCapability.Contains(algorithm) => hasCapability ? PolicyVerdict.Allowed : PolicyVerdict.NeedsCapability,
        1 => PolicyVerdict.NotAllowed,
        _ => PolicyVerdict.AfAlgDisabled,
    };
}

/// <summary>The AF_ALG policy's answer for one algorithm in one process.</summary>
internal enum PolicyVerdict
{
    /// <summary>The policy lets it bind (the kernel may still lack it).</summary>
    Allowed,

    /// <summary>Refused unless the process has CAP_NET_ADMIN or CAP_SYS_ADMIN.</summary>
    NeedsCapability,

    /// <summary>Refused for every process at this level.</summary>
    NotAllowed,

    /// <summary>Level 2: no AF_ALG socket can be created.</summary>
    AfAlgDisabled,
}
