namespace TypedAlg.Runtime;

/// <summary>Why the kernel does not serve an algorithm to this process (see docs/kernels.md).</summary>
public enum UnavailableReason
{
    /// <summary>The kernel has no AF_ALG sockets (built without CONFIG_CRYPTO_USER_API, or af_alg not loadable).</summary>
    AfAlgMissing = 1,

    /// <summary>AF_ALG is switched off by <c>crypto.af_alg_restrict = 2</c> (Linux 7.3+).</summary>
    AfAlgDisabledByPolicy,

    /// <summary>socket(AF_ALG) is blocked for this process, most likely by a container's seccomp profile.</summary>
    AfAlgBlockedBySandbox,

    /// <summary>The socket type's module (algif_hash, algif_skcipher, algif_aead, algif_rng) is missing or blacklisted.</summary>
    SocketTypeMissing,

    /// <summary>The kernel has no algorithm of that name for that socket type.</summary>
    NotInKernel,

    /// <summary>The kernel runs in FIPS mode and refuses algorithms that are not approved.</summary>
    RefusedInFipsMode,

    /// <summary>
    /// The kernel's AF_ALG policy (<c>crypto.af_alg_restrict = 1</c>, Linux 7.3+) refuses it, for every process or for
    /// one without CAP_NET_ADMIN or CAP_SYS_ADMIN.
    /// </summary>
    RefusedByPolicy,

    /// <summary>A driver pinned by name (or a hardware-only implementation) is not registered for the algorithm.</summary>
    DriverNotPresent,

    /// <summary>
    /// The kernel (Linux 7.2+, "drop support for off-CPU cryptography") no longer serves off-CPU drivers, such as crypto
    /// engines and virtio-crypto, through AF_ALG, even where /proc/crypto lists them.
    /// </summary>
    OffCpuDriverRefused,
}
