using System.Collections.Concurrent;
using System.Globalization;
using TypedAlg.Annotations;
using TypedAlg.Runtime.Interop;

namespace TypedAlg.Runtime;

/// <summary>What the running kernel offers: AF_ALG itself, FIPS mode, algorithms (/proc/crypto and bind probes).</summary>
public static class KernelCrypto
{
    private static readonly ConcurrentDictionary<(string, KernelAlgorithmType), bool> s_supported = new();
    private static readonly Lazy<bool> s_afAlg = new(ProbeAfAlg);

    /// <summary>Whether socket(AF_ALG) works in this process (cached).</summary>
    public static bool IsAfAlgAvailable => s_afAlg.Value;

    /// <summary>Whether /proc/sys/crypto/fips_enabled is 1: the kernel then serves only FIPS-approved algorithms.</summary>
    public static bool FipsEnabled
    {
        get
        {
            try
            {
                return File.ReadAllText("/proc/sys/crypto/fips_enabled").Trim() == "1";
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

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

        return KernelErrors.Create(errno, call, socketType, algorithm) switch
        {
            AlgorithmUnavailableException e => new AlgorithmAvailability(algorithm, type, e.Reason, e.Message),
            Exception e => throw e,
        };
    }

    /// <summary>Reads and parses /proc/crypto. Templates such as <c>gcm(aes)</c> appear only after their first use.</summary>
    /// <returns>One entry per registered implementation.</returns>
    public static IReadOnlyList<ProcCryptoEntry> ReadProcCrypto()
    {
        try
        {
            return ParseProcCrypto(File.ReadAllText("/proc/crypto"));
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

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
    public static IReadOnlyList<ProcCryptoEntry> ParseProcCrypto(string text)
    {
        var entries = new List<ProcCryptoEntry>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        Flush();
        return entries;

        void Flush()
        {
            if (fields.TryGetValue("name", out string? name) && fields.TryGetValue("type", out string? type))
            {
                entries.Add(new ProcCryptoEntry
                {
                    Name = name,
                    Driver = fields.GetValueOrDefault("driver") ?? name,
                    Module = fields.GetValueOrDefault("module"),
                    Priority = Int("priority") ?? 0,
                    Type = type,
                    SelfTest = fields.GetValueOrDefault("selftest"),
                    Internal = fields.GetValueOrDefault("internal") == "yes",
                    BlockSize = Int("blocksize"),
                    MinKeySize = Int("min keysize"),
                    MaxKeySize = Int("max keysize"),
                    IvSize = Int("ivsize"),
                    ChunkSize = Int("chunksize"),
                    DigestSize = Int("digestsize"),
                    MaxAuthSize = Int("maxauthsize"),
                    SeedSize = Int("seedsize"),
                });
            }

            fields.Clear();
        }

        int? Int(string key) =>
            fields.TryGetValue(key, out string? v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i : null;
    }

    /// <summary>Whether a /proc/crypto type can be bound as an AF_ALG socket type.</summary>
    internal static bool TypeMatches(string procType, string socketType) =>
        Kernel.KernelFacts.SocketTypeOf(procType) is { } type && Kernel.KernelFacts.SocketTypeName(type) == socketType;

    /// <summary>The highest-priority entry whose name or driver is <paramref name="algorithm"/>.</summary>
    internal static ProcCryptoEntry? FindEntry(string algorithm, IReadOnlyList<ProcCryptoEntry>? entries = null) =>
        Kernel.KernelFacts.Preferred((entries ?? ReadProcCrypto()).Where(e => e.Name == algorithm || e.Driver == algorithm),
            algorithm, e => e.Driver, e => e.Priority);

    /// <summary>Names and drivers of the socket type's kind, nearest first by edit distance.</summary>
    internal static IReadOnlyList<string> ClosestNames(string algorithm, string socketType, int count, IReadOnlyList<ProcCryptoEntry>? entries = null) =>
        (entries ?? ReadProcCrypto())
            .Where(e => !e.Internal && TypeMatches(e.Type, socketType))
            .SelectMany(e => new[] { e.Name, e.Driver })
            .Distinct(StringComparer.Ordinal)
            .Where(n => n != algorithm)
            .Select(n => (Name: n, Distance: EditDistance(algorithm, n)))
            .Where(x => x.Distance <= Math.Max(3, algorithm.Length / 2))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Name)
            .ToList();

    internal static int EditDistance(string a, string b)
    {
        int[] previous = new int[b.Length + 1];
        int[] current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static bool ProbeAfAlg()
    {
        using SafeFdHandle fd = Libc.socket(AlgConstants.AF_ALG, AlgConstants.SOCK_SEQPACKET | AlgConstants.SOCK_CLOEXEC, 0);
        return !fd.IsInvalid;
    }
}
