using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TypedAlg.Runtime.Interop;
using TypedAlg.Runtime.Kernel;

namespace TypedAlg.Runtime;

/// <summary>
/// The one place where an errno becomes an exception. Messages say what to do: which kernel option or
/// module, which names exist instead, which kernel version added a feature. The kernel facts they cite come
/// from the caller's <see cref="KernelSnapshot"/>: this class reads nothing itself.
/// </summary>
internal static class KernelErrors
{
    /// <summary>Throws for the last P/Invoke error of <paramref name="call"/>.</summary>
    internal static Exception Last(AlgCall call, string socketType, string? algorithm, KernelSnapshot kernel) =>
        Create(Marshal.GetLastPInvokeError(), call, socketType, algorithm, kernel);

    internal static Exception Create(int errno, AlgCall call, string socketType, string? algorithm, KernelSnapshot kernel, int keySerial = 0)
    {
        string alg = algorithm ?? "?";
        string where = $"AF_ALG {socketType} '{alg}'";
        switch (call, errno)
        {
            case (AlgCall.Socket, Errno.EAFNOSUPPORT or Errno.EPERM or Errno.EACCES):
                return SocketRefused(errno, socketType, kernel);
            case (AlgCall.Bind, Errno.ENOENT):
                return BindNotFound(socketType, alg, kernel);
            case (AlgCall.Bind, Errno.EINVAL or Errno.ENAMETOOLONG):
                return new ArgumentException($"The kernel rejected the name '{alg}' for an AF_ALG {socketType} socket ({Errno.Describe(errno)}).", "algorithm");
            case (AlgCall.SetKey, Errno.EINVAL):
                return new ArgumentException($"The kernel rejected the key for {where}: wrong length. {KeySizes(alg, kernel)}", "key");
            case (AlgCall.SetKey, Errno.ENOMEM):
                return new ArgumentException($"The key for {where} is larger than the socket option memory limit (net.core.optmem_max).", "key");
            case (AlgCall.SetKey, Errno.ENOSYS or Errno.ENOPROTOOPT):
                return new ArgumentException($"{where} takes no key.", "key");
            case (AlgCall.SetKey or AlgCall.SetKeySerial, Errno.EBUSY):
                return new KeyInUseException($"The key of {where} cannot change while an operation socket uses it; create a new instance for a new key.", algorithm);
            case (AlgCall.SetKeySerial, Errno.ENOPROTOOPT):
                return new NotSupportedException(
                    $"Setting a key by kernel key serial (ALG_SET_KEY_BY_KEY_SERIAL) needs Linux 6.2 or later; this kernel is {kernel.Release}. " +
                    "Pass the key bytes instead, or run on a newer kernel.");
            case (AlgCall.SetKeySerial, Errno.EACCES):
                return new KeyringKeyException($"Key {keySerial} exists but this process may not search it (EACCES); add it to a keyring the process possesses.", errno, algorithm, keySerial);
            case (AlgCall.SetKeySerial or AlgCall.KeyControl, Errno.EKEYREVOKED):
                return new KeyringKeyException($"Key {keySerial} has been revoked.", errno, algorithm, keySerial);
            case (AlgCall.SetKeySerial or AlgCall.KeyControl, Errno.EKEYEXPIRED):
                return new KeyringKeyException($"Key {keySerial} has expired.", errno, algorithm, keySerial);
            case (AlgCall.SetKeySerial or AlgCall.KeyControl, Errno.ENOKEY):
                return new KeyringKeyException($"Key {keySerial} does not exist (or is not reachable from this process's keyrings).", errno, algorithm, keySerial);
            case (AlgCall.SetKeySerial, Errno.EINVAL):
                return new ArgumentException($"The payload of key {keySerial} has a length {where} does not accept. {KeySizes(alg, kernel)}", "keySerial");
            case (AlgCall.SetAuthSize, Errno.EINVAL):
                return new ArgumentException($"{where} does not accept this tag size. {AuthSizes(alg, kernel)}", "tagSize");
            case (AlgCall.SetEntropy, Errno.ENOPROTOOPT):
                return new NotSupportedException(
                    $"Setting DRBG test entropy (ALG_SET_DRBG_ENTROPY) needs Linux 5.11+ built with CONFIG_CRYPTO_USER_API_RNG_CAVP; this kernel ({kernel.Release}) lacks it (distribution kernels usually do).");
            case (AlgCall.SetEntropy, Errno.EPERM or Errno.EACCES):
                return new UnauthorizedAccessException("Setting DRBG test entropy needs CAP_SYS_ADMIN.");
            case (_, Errno.ENOKEY):
                return new KeyNotSetException($"{where} has no key: set one before the operation (ENOKEY).", algorithm);
            case (_, Errno.EBADMSG):
                return new AuthenticationTagMismatchException();
            case (AlgCall.Receive, Errno.EINVAL) when socketType == "rng":
                return new KernelCryptoException($"{where} refused to generate (EINVAL): the DRBG was not seeded.", errno, algorithm);
            case (AlgCall.Send or AlgCall.Receive, Errno.EINVAL):
                return new KernelCryptoException(
                    $"{where} rejected the request (EINVAL): wrong IV length, a partial block where the mode needs whole blocks, or data sent while output was unread.",
                    errno, algorithm);
            case (AlgCall.Send or AlgCall.Receive, Errno.EBUSY):
                return new KernelCryptoException($"{where} is busy: another thread or process is sending on the same operation socket (EBUSY).", errno, algorithm);
            case (_, Errno.EMFILE or Errno.ENFILE):
                // Each instance holds one or two descriptors until Dispose; running out usually means undisposed instances.
                return new KernelCryptoException(
                    $"{call} on {where} failed: the {(errno == Errno.EMFILE ? "process" : "system")} is out of file descriptors ({Errno.Describe(errno)}). " +
                    "Every TypedAlg instance holds one or two descriptors until it is disposed: dispose instances you no longer use, " +
                    "or raise the limit (RLIMIT_NOFILE, ulimit -n).",
                    errno, algorithm);
            case (AlgCall.AddKey, Errno.EINVAL):
                return new ArgumentException($"The kernel refused the key ({Errno.Describe(errno)}); 'logon' keys need a description of the form 'prefix:name' and a payload of 1..32767 bytes.");
            default:
                return new KernelCryptoException($"{call} on {where} failed: {Errno.Describe(errno)}.", errno, algorithm);
        }
    }

    /// <summary>
    /// A bind with a pinned driver or the hardware-only flag failed. ENOENT (and EINVAL for hardware-only: the kernel
    /// then tries to build the name from a template, which refuses the flag) becomes <see cref="DriverUnavailableException"/>
    /// unless the socket type or the AF_ALG policy explains it (the generic message says that).
    /// </summary>
    internal static Exception CreateForDriver(int errno, AlgCall call, string socketType, string algorithm, DriverSelection driver, KernelSnapshot kernel)
    {
        string bound = driver.BindName(algorithm);
        bool notFound = call == AlgCall.Bind && (errno == Errno.ENOENT || (errno == Errno.EINVAL && driver.HardwareOnly));
        if (!notFound || kernel.GetModuleState("algif_" + socketType) == ModuleState.Missing
            || AfAlgAllowlist.Check(bound, kernel.AfAlgRestrict, kernel.HasPolicyCapability) != PolicyVerdict.Allowed)
        {
            return Create(errno, call, socketType, bound, kernel);
        }

        IReadOnlyList<ProcCryptoEntry> implementations = ProcCrypto.Implementations(algorithm, socketType, kernel.Entries);
        string[] drivers = implementations.Select(e => e.Driver).Distinct(StringComparer.Ordinal).ToArray();
        string listed = implementations.Count == 0
            ? $" /proc/crypto lists no implementation of '{algorithm}' for AF_ALG {socketType}."
            : $" Drivers that implement '{algorithm}' here: {string.Join(", ", implementations.Select(Listed))}.";
        bool offCpu = kernel.Version >= KernelFacts.OffCpuRemovedVersion;
        string offCpuNote = offCpu
            ? $" Linux {KernelFacts.OffCpuRemovedVersion} and later ('drop support for off-CPU cryptography') no longer serve off-CPU drivers " +
              "(crypto engines, virtio-crypto) through AF_ALG, even where /proc/crypto lists them; bind the generic name for a CPU driver."
            : "";
        string what = driver.Driver is { } name
            ? $"The kernel ({kernel.Release}) does not serve driver '{name}'{(driver.HardwareOnly ? " as a hardware-only implementation" : "")} for AF_ALG {socketType} '{algorithm}'" +
              (implementations.Any(e => e.Driver == name) ? " although /proc/crypto lists it." : ": it is not registered (is its device present and its module loaded?).")
            : $"The kernel ({kernel.Release}) has no hardware-only implementation (flagged CRYPTO_ALG_KERN_DRIVER_ONLY) of AF_ALG {socketType} '{algorithm}' " +
              $"({Errno.Describe(errno)}); virtio-crypto and software drivers do not carry that flag.";
        return new DriverUnavailableException(what + offCpuNote + listed, errno, algorithm, driver, drivers, offCpu);

        static string Listed(ProcCryptoEntry e) =>
            $"{e.Driver} (priority {e.Priority}, module {e.Module ?? "?"}{(e.Async == true ? ", async" : "")})";
    }

    internal static string ConfigOption(string socketType) => "CONFIG_CRYPTO_USER_API_" + socketType.ToUpperInvariant();

    /// <summary>socket(AF_ALG) failed: no AF_ALG in the kernel, switched off by its policy, or blocked by a sandbox.</summary>
    private static AfAlgUnavailableException SocketRefused(int errno, string socketType, KernelSnapshot kernel)
    {
        const string Seccomp = "Seccomp: 2 in /proc/self/status: this process runs under a seccomp filter, and the default profiles " +
            "of containerd and Docker block socket(AF_ALG). Allow the AF_ALG family (38) in the container's seccomp profile, or run it unconfined";
        if (errno == Errno.EAFNOSUPPORT && kernel.AfAlgRestrict == 2)
        {
            return new AfAlgUnavailableException(
                $"AF_ALG is switched off by the kernel's AF_ALG policy ({ProcessSecurity.RestrictSysctl} = 2): the kernel has AF_ALG, but at " +
                $"level 2 socket(AF_ALG) fails with EAFNOSUPPORT for every process. Root can allow it: 'sysctl -w {ProcessSecurity.RestrictSysctl}=1' " +
                "(an allowlist) or =0 (every algorithm); persist it in /etc/sysctl.d/.",
                errno, UnavailableReason.AfAlgDisabledByPolicy);
        }

        if (errno != Errno.EAFNOSUPPORT)
        {
            string cause = kernel.SeccompMode == 2
                ? $"the likely cause is the seccomp profile ({Seccomp})."
                : "a security module (SELinux, AppArmor) or sandbox refuses it for this process; check its audit log.";
            return new AfAlgUnavailableException($"socket(AF_ALG) was refused ({Errno.Describe(errno)}): {cause}", errno, UnavailableReason.AfAlgBlockedBySandbox);
        }

        if (kernel.SeccompMode == 2 && kernel.GetModuleState("af_alg") != ModuleState.Missing)
        {
            return new AfAlgUnavailableException(
                $"socket(AF_ALG) failed with EAFNOSUPPORT although the kernel has AF_ALG (module af_alg is present). {Seccomp}.",
                errno, UnavailableReason.AfAlgBlockedBySandbox);
        }

        string sandbox = kernel.SeccompMode == 2 ? $" If the kernel does have AF_ALG: {Seccomp}." : " Containers and sandboxes (gVisor, seccomp profiles) also refuse AF_ALG.";
        return new AfAlgUnavailableException(
            "This Linux kernel has no AF_ALG sockets (socket(AF_ALG) failed with EAFNOSUPPORT). Use a kernel built with " +
            $"CONFIG_CRYPTO_USER_API and {ConfigOption(socketType)} (=m or =y) and load the af_alg and algif_{socketType} modules " +
            $"(Fedora 45 and later build without them).{sandbox}",
            errno, UnavailableReason.AfAlgMissing);
    }

    /// <summary>bind() said ENOENT: a missing socket type, FIPS mode, the AF_ALG policy, a removed DRBG, or no such algorithm.</summary>
    private static Exception BindNotFound(string socketType, string algorithm, KernelSnapshot kernel)
    {
        if (kernel.GetModuleState("algif_" + socketType) == ModuleState.Missing)
        {
            string why = kernel.ModuleBlock("algif_" + socketType) is { } line
                ? $"it is blocked by {line}"
                : $"built without {ConfigOption(socketType)}, or blacklisted — distributions blacklisted algif_aead after CVE-2026-31431";
            return new AlgorithmTypeUnavailableException(
                $"The kernel has no AF_ALG '{socketType}' sockets: module algif_{socketType} is not loaded and could not be loaded " +
                $"({why}). Check 'modprobe algif_{socketType}' and /etc/modprobe.d.",
                Errno.ENOENT, algorithm, socketType);
        }

        int? level = kernel.AfAlgRestrict;
        bool capable = kernel.HasPolicyCapability;
        switch (AfAlgAllowlist.Check(algorithm, level, capable))
        {
            case PolicyVerdict.NeedsCapability:
                return RefusedByPolicy(socketType, algorithm, level!.Value, capabilityWouldAllow: true,
                    $"which serves it only to processes with {ProcessSecurity.CapabilityNames}, and this process has neither. " +
                    "Grant one of them (for a systemd service: AmbientCapabilities=CAP_NET_ADMIN), or as root allow every algorithm for every process:");
            case PolicyVerdict.NotAllowed:
                return RefusedByPolicy(socketType, algorithm, level!.Value, capabilityWouldAllow: false,
                    "which serves only an allowlist (sha1, xts(aes) and adiantum to every process; SHA-2, MD5, HMAC, CMAC, CBC/CTR/ECB-AES and CCM-AES to " +
                    $"processes with {ProcessSecurity.CapabilityNames}); '{algorithm}' is not on it, so no capability helps. To allow it, as root:");
        }

        IReadOnlyList<ProcCryptoEntry> entries = kernel.Entries;
        if (socketType == "rng" && NoDrbg(entries, kernel.Version) is { } noDrbg)
        {
            return new AlgorithmNotFoundException(
                $"This kernel ({kernel.Release}) registers no DRBG, so there is no rng algorithm '{algorithm}': {noDrbg} " +
                "For random bytes use System.Security.Cryptography.RandomNumberGenerator (getrandom(2), the kernel's own CSPRNG).",
                Errno.ENOENT, algorithm, [], refusedInFipsMode: false);
        }

        IReadOnlyList<string> closest = ProcCrypto.ClosestNames(algorithm, socketType, 3, entries);
        string suggestion = closest.Count == 0 ? "" : $" Closest names in /proc/crypto: {string.Join(", ", closest)}.";
        if (kernel.FipsEnabled)
        {
            return new AlgorithmNotFoundException(
                $"The kernel refused '{algorithm}' for AF_ALG {socketType}: it runs in FIPS mode (/proc/sys/crypto/fips_enabled = 1) and serves only FIPS-approved algorithms.{suggestion}",
                Errno.ENOENT, algorithm, closest, refusedInFipsMode: true);
        }

        string otherType = ProcCrypto.FindEntry(algorithm, entries)?.Type is { } t && !ProcCrypto.TypeMatches(t, socketType)
            ? $" /proc/crypto lists '{algorithm}' as type '{t}', which is not an AF_ALG {socketType} algorithm."
            : "";
        // Only DRBGs this kernel registers are suggested (the Hash_DRBGs went first, every DRBG in Linux 7.2).
        string[] drbgs = entries.Where(e => e.Type == "rng" && e.Driver.StartsWith("drbg_", StringComparison.Ordinal))
            .Select(e => e.Driver).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(4).ToArray();
        string removed = algorithm.StartsWith("drbg_", StringComparison.Ordinal) && drbgs.Length > 0
            ? $" DRBGs this kernel registers: {string.Join(", ", drbgs)}."
            : "";
        return new AlgorithmNotFoundException(
            $"This kernel ({kernel.Release}) has no {socketType} algorithm '{algorithm}'.{otherType}{removed}{suggestion}",
            Errno.ENOENT, algorithm, closest, refusedInFipsMode: false);
    }

    /// <summary>A level-1 refusal: what the policy serves (<paramref name="which"/>, ending in the lead to the fix) and the sysctl that lifts it.</summary>
    private static AlgorithmRefusedByPolicyException RefusedByPolicy(string socketType, string algorithm, int level, bool capabilityWouldAllow, string which) =>
        new($"The kernel refused '{algorithm}' for AF_ALG {socketType}: refused by the kernel's AF_ALG policy ({ProcessSecurity.RestrictSysctl} = {level}), " +
            $"{which} 'sysctl -w {ProcessSecurity.RestrictSysctl}=0' (persist it in /etc/sysctl.d/).",
            Errno.ENOENT, algorithm, level, capabilityWouldAllow);

    /// <summary>Why no DRBG is registered, or null when one is (modules load on demand, so this runs after the failed bind).</summary>
    private static string? NoDrbg(IReadOnlyList<ProcCryptoEntry> entries, Version kernelVersion)
    {
        if (entries.Any(e => e.Type == "rng" && e.Driver.StartsWith("drbg_", StringComparison.Ordinal)))
        {
            return null;
        }

        return kernelVersion >= new Version(7, 2)
            ? "Linux 7.2 removed the SP 800-90A DRBGs that AF_ALG served (no drbg module ships)."
            : "the drbg module is missing or could not be loaded (CONFIG_CRYPTO_DRBG).";
    }

    private static string KeySizes(string algorithm, KernelSnapshot kernel)
    {
        ProcCryptoEntry? e = ProcCrypto.FindEntry(algorithm, kernel.Entries);
        return e is { MinKeySize: int min, MaxKeySize: int max }
            ? $"/proc/crypto gives key sizes {min}..{max} bytes for {e.Driver}."
            : "See the key sizes in /proc/crypto.";
    }

    private static string AuthSizes(string algorithm, KernelSnapshot kernel)
    {
        ProcCryptoEntry? e = ProcCrypto.FindEntry(algorithm, kernel.Entries);
        return e is { MaxAuthSize: int max } ? $"The largest tag is {max} bytes." : "See maxauthsize in /proc/crypto.";
    }
}
