using System.Globalization;

namespace TypedAlg.Runtime;

/// <summary>/proc/crypto: reading, parsing, and the lookups error messages and the CLI make in it.</summary>
internal static class ProcCrypto
{
    /// <summary>Reads and parses /proc/crypto; empty when it cannot be read.</summary>
    internal static IReadOnlyList<ProcCryptoEntry> Read()
    {
        try
        {
            return Parse(File.ReadAllText("/proc/crypto"));
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

    /// <summary>Blocks of "key : value" lines separated by blank lines, one record per block with a name and a type.</summary>
    internal static IReadOnlyList<ProcCryptoEntry> Parse(string text)
    {
        var entries = new List<ProcCryptoEntry>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        Flush();
        return entries;

        void Flush()
        {
            if (fields.TryGetValue("name", out var name) && fields.TryGetValue("type", out var type))
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
                    Async = fields.GetValueOrDefault("async") is { } async ? async == "yes" : null,
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
            fields.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    /// <summary>Whether a /proc/crypto type can be bound as an AF_ALG socket type.</summary>
    internal static bool TypeMatches(string procType, string socketType) =>
        Kernel.KernelFacts.SocketTypeOf(procType) is { } type && Kernel.KernelFacts.SocketTypeName(type) == socketType;

    /// <summary>The highest-priority entry whose name or driver is <paramref name="algorithm"/>.</summary>
    internal static ProcCryptoEntry? FindEntry(string algorithm, IReadOnlyList<ProcCryptoEntry> entries) =>
        Kernel.KernelFacts.Preferred(entries.Where(e => e.Name == algorithm || e.Driver == algorithm), algorithm, e => e.Driver, e => e.Priority);

    /// <summary>
    /// The implementation the kernel binds for <paramref name="bound"/> (a driver or generic name): an exact driver
    /// match, else the highest-priority implementation of the name reachable as <paramref name="socketType"/>. From Linux
    /// 7.2 AF_ALG skips off-CPU (async) drivers, so a virtio driver of higher priority than cbc-aes-lib does not serve.
    /// </summary>
    internal static ProcCryptoEntry? Serving(string bound, string socketType, IReadOnlyList<ProcCryptoEntry> entries, Version kernel) =>
        entries.FirstOrDefault(e => e.Driver == bound && TypeMatches(e.Type, socketType))
        ?? entries.Where(e => e.Name == bound && !e.Internal && TypeMatches(e.Type, socketType)
                && !(e.Async == true && kernel >= Kernel.KernelFacts.OffCpuRemovedVersion))
            .MaxBy(e => e.Priority);

    /// <summary>The drivers /proc/crypto lists for a generic name as the socket type, highest priority first.</summary>
    internal static IReadOnlyList<ProcCryptoEntry> Implementations(string algorithm, string socketType, IReadOnlyList<ProcCryptoEntry> entries) =>
        entries.Where(e => e.Name == algorithm && !e.Internal && TypeMatches(e.Type, socketType))
            .OrderByDescending(e => e.Priority).ThenBy(e => e.Driver, StringComparer.Ordinal).ToList();

    /// <summary>Names and drivers of the socket type's kind, nearest first by edit distance.</summary>
    internal static IReadOnlyList<string> ClosestNames(string algorithm, string socketType, int count, IReadOnlyList<ProcCryptoEntry> entries) =>
        entries
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
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
