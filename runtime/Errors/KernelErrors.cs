using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TypedAlg.Runtime.Interop;

namespace TypedAlg.Runtime;

/// <summary>
/// The one place where an errno becomes an exception. Messages say what to do: which kernel option or
/// module, which names exist instead, which kernel version added a feature.
/// </summary>
internal static class KernelErrors
{
    /// <summary>Throws for the last P/Invoke error of <paramref name="call"/>.</summary>
    internal static Exception Last(AlgCall call, string socketType, string? algorithm) =>
        Create(Marshal.GetLastPInvokeError(), call, socketType, algorithm);

    internal static Exception Create(int errno, AlgCall call, string socketType, string? algorithm, int keySerial = 0)
    {
        string alg = algorithm ?? "?";
        string where = $"AF_ALG {socketType} '{alg}'";
        switch (call, errno)
        {
            case (AlgCall.Socket, Errno.EAFNOSUPPORT):
                return new AfAlgUnavailableException(
                    "This Linux kernel has no AF_ALG sockets (socket(AF_ALG) failed with EAFNOSUPPORT). Use a kernel built with " +
                    $"CONFIG_CRYPTO_USER_API and {ConfigOption(socketType)} (=m or =y) and load the af_alg and algif_{socketType} modules. " +
                    "Containers and some sandboxes (gVisor, seccomp profiles) also refuse AF_ALG.",
                    errno);
            case (AlgCall.Bind, Errno.ENOENT):
                return BindNotFound(socketType, alg);
            case (AlgCall.Bind, Errno.EINVAL or Errno.ENAMETOOLONG):
                return new ArgumentException($"The kernel rejected the name '{alg}' for an AF_ALG {socketType} socket ({Describe(errno)}).", "algorithm");
            case (AlgCall.SetKey, Errno.EINVAL):
                return new ArgumentException($"The kernel rejected the key for {where}: wrong length. {KeySizes(alg)}", "key");
            case (AlgCall.SetKey, Errno.ENOMEM):
                return new ArgumentException($"The key for {where} is larger than the socket option memory limit (net.core.optmem_max).", "key");
            case (AlgCall.SetKey, Errno.ENOSYS or Errno.ENOPROTOOPT):
                return new ArgumentException($"{where} takes no key.", "key");
            case (AlgCall.SetKey or AlgCall.SetKeySerial, Errno.EBUSY):
                return new KeyInUseException($"The key of {where} cannot change while an operation socket uses it; create a new instance for a new key.", algorithm);
            case (AlgCall.SetKeySerial, Errno.ENOPROTOOPT):
                return new NotSupportedException(
                    $"Setting a key by kernel key serial (ALG_SET_KEY_BY_KEY_SERIAL) needs Linux 6.2 or later; this kernel is {KernelEnvironment.Release}. " +
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
                return new ArgumentException($"The payload of key {keySerial} has a length {where} does not accept. {KeySizes(alg)}", "keySerial");
            case (AlgCall.SetAuthSize, Errno.EINVAL):
                return new ArgumentException($"{where} does not accept this tag size. {AuthSizes(alg)}", "tagSize");
            case (AlgCall.SetEntropy, Errno.ENOPROTOOPT):
                return new NotSupportedException(
                    $"Setting DRBG test entropy (ALG_SET_DRBG_ENTROPY) needs Linux 5.11+ built with CONFIG_CRYPTO_USER_API_RNG_CAVP; this kernel ({KernelEnvironment.Release}) lacks it (distribution kernels usually do).");
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
                    $"{call} on {where} failed: the {(errno == Errno.EMFILE ? "process" : "system")} is out of file descriptors ({Describe(errno)}). " +
                    "Every TypedAlg instance holds one or two descriptors until it is disposed: dispose instances you no longer use, " +
                    "or raise the limit (RLIMIT_NOFILE, ulimit -n).",
                    errno, algorithm);
            case (AlgCall.AddKey, Errno.EINVAL):
                return new ArgumentException($"The kernel refused the key ({Describe(errno)}); 'logon' keys need a description of the form 'prefix:name' and a payload of 1..32767 bytes.");
            default:
                return new KernelCryptoException($"{call} on {where} failed: {Describe(errno)}.", errno, algorithm);
        }
    }

    internal static string ConfigOption(string socketType) => "CONFIG_CRYPTO_USER_API_" + socketType.ToUpperInvariant();

    internal static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    private static Exception BindNotFound(string socketType, string algorithm)
    {
        if (KernelEnvironment.GetModuleState("algif_" + socketType) == ModuleState.Missing)
        {
            return new AlgorithmTypeUnavailableException(
                $"The kernel has no AF_ALG '{socketType}' sockets: module algif_{socketType} is not loaded and could not be loaded " +
                $"(built without {ConfigOption(socketType)}, or blacklisted — distributions blacklisted algif_aead after CVE-2026-31431). " +
                $"Check 'modprobe algif_{socketType}' and /etc/modprobe.d.",
                Errno.ENOENT, algorithm, socketType);
        }

        IReadOnlyList<string> closest = KernelCrypto.ClosestNames(algorithm, socketType, 3);
        string suggestion = closest.Count == 0 ? "" : $" Closest names in /proc/crypto: {string.Join(", ", closest)}.";
        if (KernelCrypto.FipsEnabled)
        {
            return new AlgorithmNotFoundException(
                $"The kernel refused '{algorithm}' for AF_ALG {socketType}: it runs in FIPS mode (/proc/sys/crypto/fips_enabled = 1) and serves only FIPS-approved algorithms.{suggestion}",
                Errno.ENOENT, algorithm, closest, refusedInFipsMode: true);
        }

        string otherType = KernelCrypto.ListedTypeOf(algorithm) is { } t && !KernelCrypto.TypeMatches(t, socketType)
            ? $" /proc/crypto lists '{algorithm}' as type '{t}', which is not an AF_ALG {socketType} algorithm."
            : "";
        string removed = algorithm.StartsWith("drbg_", StringComparison.Ordinal) && algorithm.Contains("_sha", StringComparison.Ordinal) && !algorithm.Contains("hmac", StringComparison.Ordinal)
            ? " Newer kernels removed the Hash_DRBG variants (drbg_*_sha*); use an HMAC or CTR DRBG such as drbg_nopr_hmac_sha256 or stdrng."
            : "";
        return new AlgorithmNotFoundException(
            $"This kernel ({KernelEnvironment.Release}) has no {socketType} algorithm '{algorithm}'.{otherType}{removed}{suggestion}",
            Errno.ENOENT, algorithm, closest, refusedInFipsMode: false);
    }

    private static string KeySizes(string algorithm)
    {
        ProcCryptoEntry? e = KernelCrypto.FindEntry(algorithm);
        return e is { MinKeySize: int min, MaxKeySize: int max }
            ? $"/proc/crypto gives key sizes {min}..{max} bytes for {e.Driver}."
            : "See the key sizes in /proc/crypto.";
    }

    private static string AuthSizes(string algorithm)
    {
        ProcCryptoEntry? e = KernelCrypto.FindEntry(algorithm);
        return e is { MaxAuthSize: int max } ? $"The largest tag is {max} bytes." : "See maxauthsize in /proc/crypto.";
    }
}
