namespace TypedAlg.Runtime;

/// <summary>
/// The kernel's state as an error message may cite it: /proc/crypto, FIPS mode, the AF_ALG policy, this thread's
/// capabilities and seccomp mode, modules. The caller of <see cref="KernelErrors"/> takes one when a call has failed,
/// so that the errors layer is given facts and never reads the kernel itself. Each fact is read once, on first use:
/// a message that needs none reads nothing, and one message sees one state even if root changes a sysctl meanwhile.
/// </summary>
internal sealed class KernelSnapshot
{
    private readonly Lazy<IReadOnlyList<ProcCryptoEntry>> _entries = new(ProcCrypto.Read, LazyThreadSafetyMode.None);
    private readonly Lazy<bool> _fipsEnabled = new(() => KernelEnvironment.FipsEnabled, LazyThreadSafetyMode.None);
    private readonly Lazy<int?> _afAlgRestrict = new(() => ProcessSecurity.AfAlgRestrict, LazyThreadSafetyMode.None);
    private readonly Lazy<bool> _hasPolicyCapability = new(() => ProcessSecurity.HasPolicyCapability, LazyThreadSafetyMode.None);
    private readonly Lazy<int?> _seccompMode = new(() => ProcessSecurity.SeccompMode, LazyThreadSafetyMode.None);

    /// <summary>The parsed /proc/crypto (read after the failed call: a bind loads modules on demand).</summary>
    internal IReadOnlyList<ProcCryptoEntry> Entries => _entries.Value;

    /// <summary>Whether the kernel runs in FIPS mode.</summary>
    internal bool FipsEnabled => _fipsEnabled.Value;

    /// <summary>crypto.af_alg_restrict, or null where the kernel has no such sysctl.</summary>
    internal int? AfAlgRestrict => _afAlgRestrict.Value;

    /// <summary>Whether this thread has CAP_NET_ADMIN or CAP_SYS_ADMIN.</summary>
    internal bool HasPolicyCapability => _hasPolicyCapability.Value;

    /// <summary>This thread's seccomp mode, or null when unknown.</summary>
    internal int? SeccompMode => _seccompMode.Value;

    /// <summary>The kernel release (uname -r).</summary>
    internal string Release => KernelEnvironment.Release;

    /// <summary>Major and minor of <see cref="Release"/>.</summary>
    internal Version Version => KernelEnvironment.Version;

    /// <summary>Whether <paramref name="module"/> is loaded, built in or missing.</summary>
    internal ModuleState GetModuleState(string module) => KernelEnvironment.GetModuleState(module);

    /// <summary>The modprobe.d line that keeps <paramref name="module"/> out ("file: line"), or null.</summary>
    internal string? ModuleBlock(string module) => KernelModules.FindBlock(module);
}
