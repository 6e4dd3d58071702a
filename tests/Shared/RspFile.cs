namespace TypedAlg.Tests;

// One NIST CAVP reader for every test project (linked in as Support/RspFile.cs; the vectors are copied to vectors/nist).

/// <summary>One test case of a NIST CAVP .rsp file: its fields plus the section headers in force.</summary>
public sealed record RspCase(IReadOnlyDictionary<string, string> Fields, IReadOnlyDictionary<string, string> Section, bool Fail)
{
    public string this[string key] => Fields[key];

    public byte[] Hex(string key) => Convert.FromHexString(Fields[key]);

    public int Int(string key) => int.Parse(Fields[key], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Reads CAVP response files: "[section]" headers, "key = value" lines, blank lines between cases, bare FAIL.</summary>
public static class RspFile
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "vectors", "nist", relative);

    /// <summary>At most <paramref name="count"/> items spread over the whole sequence: lean, but not only the first ones.</summary>
    public static List<T> Spread<T>(this IEnumerable<T> items, int count)
    {
        var all = items.ToList();
        return all.Count <= count ? all : Enumerable.Range(0, count).Select(i => all[i * all.Count / count]).ToList();
    }

    public static IEnumerable<RspCase> Read(string relative)
    {
        var section = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var fail = false;
        foreach (var raw in File.ReadLines(PathOf(relative)))
        {
            var line = raw.Trim();
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.Length == 0)
            {
                if (fields.Count > 0)
                {
                    yield return new RspCase(new Dictionary<string, string>(fields), new Dictionary<string, string>(section), fail);
                }

                fields.Clear();
                fail = false;
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var inner = line[1..^1];
                var eq = inner.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    section.Clear(); // [ENCRYPT] / [DECRYPT] switch the whole section
                    section[inner.Trim()] = "";
                }
                else
                {
                    section[inner[..eq].Trim()] = inner[(eq + 1)..].Trim();
                }

                continue;
            }

            if (line == "FAIL")
            {
                fail = true;
                continue;
            }

            var at = line.IndexOf('=', StringComparison.Ordinal);
            if (at > 0)
            {
                fields[line[..at].Trim()] = line[(at + 1)..].Trim();
            }
        }

        if (fields.Count > 0)
        {
            yield return new RspCase(fields, section, fail);
        }
    }
}
