using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace TypedAlg.Reliability.KernelTests.Support;

/// <summary>
/// Searches the process's own writable memory (managed heap, native heap, thread stacks) for a byte pattern, through
/// /proc/self/mem. This is how a test "inspects the memory" for key bytes left behind.
/// </summary>
public static class MemoryScan
{
    private const int Chunk = 1 << 20;

    /// <summary>
    /// Addresses where the secret <paramref name="first"/>||<paramref name="rest"/> occurs in writable mappings. The
    /// secret is passed in two parts so the scan's own needle (rest, preceded by another byte) never matches.
    /// </summary>
    public static List<(ulong Address, string Mapping)> Find(byte first, ReadOnlySpan<byte> rest)
    {
        var pattern = rest;
        var hits = new List<(ulong, string)>();
        var buffer = new byte[Chunk + pattern.Length];
        using var mem = File.OpenHandle("/proc/self/mem", FileMode.Open, FileAccess.Read);
        foreach (var line in File.ReadAllLines("/proc/self/maps"))
        {
            var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var name = parts.Length > 5 ? parts[5].Trim() : "[anon]";
            if (!parts[1].StartsWith("rw", StringComparison.Ordinal) || name is "[vvar]" or "[vsyscall]" or "[vdso]")
            {
                continue;
            }

            var range = parts[0].Split('-');
            var start = ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            for (var at = start; at < end; at += Chunk)
            {
                // Read a little past the chunk so a pattern across the boundary is seen once.
                var length = (int)Math.Min((ulong)buffer.Length, end - at);
                int read;
                try
                {
                    read = RandomAccess.Read(mem, buffer.AsSpan(0, length), (long)at);
                }
                catch (IOException)
                {
                    continue; // guard pages and the like
                }

                var data = buffer.AsSpan(0, read);
                var offset = 1;
                while (offset < read && data[offset..].IndexOf(pattern) is int i and >= 0)
                {
                    var match = offset + i; // where rest starts; the secret starts one byte earlier
                    if (match - 1 >= Chunk)
                    {
                        break; // the next window reports it
                    }

                    if (data[match - 1] == first)
                    {
                        hits.Add((at + (ulong)(match - 1), name));
                    }

                    offset = match + 1;
                }
            }
        }

        // The buffer may hold a found secret from the last read: not a copy anyone else kept.
        Array.Clear(buffer);
        return hits;
    }
}
