using System.Collections.Concurrent;
using TypedAlg.Annotations;
using TypedAlg.Runtime.Interop;

namespace TypedAlg.Runtime;

/// <summary>What the running kernel offers: AF_ALG itself, FIPS mode, algorithms (/proc/crypto and bind probes).</summary>
/// <remarks>
/// The public face of the kernel view. The facts are read by the internal classes beside it (/proc/crypto, the
/// environment, the process's security); the probes here bind sockets, so this class alone sits above the socket layer.
/// </remarks>
public static class KernelCrypto
{
    private static readonly ConcurrentDictionary<(string, KernelAlgorithmType), bool> s_supported = new();
    private static readonly Lazy<bool> s_afAlg = new(ProbeAfAlg);

    /// <summary>Whether socket(AF_ALG) works in this process (cached).</summary>
    public static bool IsAfAlgAvailable => s_afAlg.Value;

    /// <summary>Whether /proc/sys/crypto/fips_enabled is 1: the kernel then serves only FIPS-approved algorithms.</summary>
    public static bool FipsEnabled => KernelEnvironment.FipsEnabled;

    /// <summary>
    /// The kernel's AF_ALG policy, <c>/proc/sys/crypto/af_alg_restrict</c> (Linux 7.3+): 0 serves every algorithm, 1 an
    /// allowlist (some entries only with CAP_NET_ADMIN or CAP_SYS_ADMIN), 2 no AF_ALG at all. Null where the kernel
    /// has no such sysctl (it then applies no such policy). Read on each access: root can change it at any time.
    /// </summary>
    public static int? AfAlgRestrict => ProcessSecurity.AfAlgRestrict;

    /// <summary>
    /// Whether the calling thread has CAP_NET_ADMIN or CAP_SYS_ADMIN, either of which lets it bind the second tier of
    /// the level-1 allowlist (SHA-2, HMAC, CMAC, AES-CBC/CTR/ECB, AES-CCM; docs/kernels.md).
    /// </summary>
    public static bool HasPolicyCapability => ProcessSecurity.HasPolicyCapability;

    /// <summary>The calling thread's seccomp mode (0 none, 1 strict, 2 filter, as a container's profile sets), or null when unknown.</summary>
    public static int? SeccompMode => ProcessSecurity.SeccompMode;

    /// <summary>
    /// Whether the kernel binds <paramref name="algorithm"/> as <paramref name="type"/> in this process (one socket + bind).
    /// A success is cached; a refusal is cached only where it cannot change (no AF_ALG policy sysctl, not a
    /// transient failure such as EMFILE or ENOMEM).
    /// </summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="type">The AF_ALG socket type.</param>
    /// <returns>True when a bind succeeds; false when the kernel does not serve it, refuses it, or has no AF_ALG.</returns>
    public static bool IsSupported(string algorithm, KernelAlgorithmType type)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        if (s_supported.TryGetValue((algorithm, type), out bool known))
        {
            return known;
        }

        (int errno, _) = AlgSocket.TryBind(SocketType(type), algorithm);
        bool lasting = errno == 0 || (errno is Errno.ENOENT or Errno.EAFNOSUPPORT && ProcessSecurity.AfAlgRestrict is null);
        if (lasting)
        {
            s_supported[(algorithm, type)] = errno == 0;
        }

        return errno == 0;
    }

    /// <summary>
    /// Whether the kernel serves <paramref name="algorithm"/> through the implementation <paramref name="driver"/> selects
    /// (a pinned driver name, or hardware only): one bind as the constructors do it, cached like
    /// <see cref="IsSupported(string, KernelAlgorithmType)"/>. Hardware only is false on Linux 7.2+, which serves no
    /// off-CPU driver through AF_ALG.
    /// </summary>
    /// <param name="algorithm">The generic kernel algorithm name.</param>
    /// <param name="type">The AF_ALG socket type.</param>
    /// <param name="driver">The implementation to bind.</param>
    /// <returns>True when that bind succeeds.</returns>
    public static bool IsSupported(string algorithm, KernelAlgorithmType type, DriverSelection driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        if (driver.IsDefault)
        {
            return IsSupported(algorithm, type);
        }

        SockaddrAlg.ValidateAlgorithmName(algorithm);
        if (driver.HardwareOnly && KernelEnvironment.Version >= Kernel.KernelFacts.OffCpuRemovedVersion)
        {
            return false;
        }

        var bindName = driver.BindName(algorithm);
        SockaddrAlg.ValidateAlgorithmName(bindName, "driver");
        var key = (driver.HardwareOnly ? "hardware-only:" + bindName : bindName, type);
        if (s_supported.TryGetValue(key, out bool known))
        {
            return known;
        }

        (int errno, _) = AlgSocket.TryBind(SocketType(type), bindName, driver.HardwareOnly);
        if (errno == 0 || (errno is Errno.ENOENT or Errno.EAFNOSUPPORT && ProcessSecurity.AfAlgRestrict is null))
        {
            s_supported[key] = errno == 0;
        }

        return errno == 0;
    }

    /// <summary>
    /// Whether the kernel serves <paramref name="algorithm"/> to this process and, if not, why and what would change
    /// that: no AF_ALG, AF_ALG switched off or blocked, a missing socket type, FIPS mode, the AF_ALG policy, or no such
    /// algorithm. The message is the one creating an instance would throw. Not cached.
    /// </summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="type">The AF_ALG socket type.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="KernelCryptoException">The probe itself failed for a transient reason (out of descriptors or memory).</exception>
    public static AlgorithmAvailability GetAvailability(string algorithm, KernelAlgorithmType type)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        string socketType = SocketType(type);
        (int errno, AlgCall call) = AlgSocket.TryBind(socketType, algorithm);
        if (errno == 0)
        {
            return new AlgorithmAvailability(algorithm, type, null, null);
        }

        return KernelErrors.Create(errno, call, socketType, algorithm, new KernelSnapshot()) switch
        {
            AlgorithmUnavailableException e => new AlgorithmAvailability(algorithm, type, e.Reason, e.Message),
            Exception e => throw e,
        };
    }

    /// <summary>Reads and parses /proc/crypto. Templates such as <c>gcm(aes)</c> appear only after their first use.</summary>
    /// <returns>One entry per registered implementation.</returns>
    public static IReadOnlyList<ProcCryptoEntry> ReadProcCrypto() => ProcCrypto.Read();

    /// <summary>
    /// Binds <paramref name="algorithm"/> and reads /proc/crypto while the socket is open, so that its template
    /// instance (<c>hmac(sha256)</c>, <c>gcm(aes)</c>) is listed: the kernel drops an instance when a better
    /// implementation of a part arrives (a module loaded on demand), and instantiates it again on the next bind.
    /// </summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="type">The socket type.</param>
    /// <returns>The parsed /proc/crypto, or null when the algorithm does not bind.</returns>
    public static IReadOnlyList<ProcCryptoEntry>? ReadProcCryptoWhileBound(string algorithm, KernelAlgorithmType type)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        AlgSocket bound;
        try
        {
            bound = AlgSocket.Open(SocketType(type), algorithm);
        }
        catch (KernelCryptoException)
        {
            return null;
        }

        using (bound)
        {
            return ReadProcCrypto();
        }
    }

    /// <summary>The AF_ALG salg_type string for a socket type.</summary>
    /// <param name="type">The socket type.</param>
    /// <returns>"hash", "skcipher", "aead" or "rng".</returns>
    public static string SocketType(KernelAlgorithmType type) => Kernel.KernelFacts.SocketTypeName(type);

    /// <summary>Parses /proc/crypto text (blocks of "key : value" lines separated by blank lines), for example a saved copy.</summary>
    /// <param name="text">The text of /proc/crypto.</param>
    /// <returns>One record per block, in the order of the text.</returns>
    public static IReadOnlyList<ProcCryptoEntry> ParseProcCrypto(string text) => ProcCrypto.Parse(text);

    private static bool ProbeAfAlg()
    {
        using SafeFdHandle fd = Libc.socket(AlgConstants.AF_ALG, AlgConstants.SOCK_SEQPACKET | AlgConstants.SOCK_CLOEXEC, 0);
        return !fd.IsInvalid;
    }
}
