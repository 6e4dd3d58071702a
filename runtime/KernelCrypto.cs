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

    /// <summary>Whether the kernel binds <paramref name="algorithm"/> as <paramref name="type"/> (one socket + bind, cached).</summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="type">The AF_ALG socket type.</param>
    /// <returns>True when a bind succeeds.</returns>
    public static bool IsSupported(string algorithm, KernelAlgorithmType type)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        string socketType = SocketType(type);
        return s_supported.GetOrAdd((algorithm, type), static (k, t) => AlgSocket.TryBind(t, k.Item1) == 0, socketType);
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

    internal static string? ListedTypeOf(string algorithm) => FindEntry(algorithm)?.Type;

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
