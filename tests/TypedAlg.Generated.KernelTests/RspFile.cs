namespace TypedAlg.Generated.KernelTests;

/// <summary>
/// Reads NIST CAVP .rsp files: "[Section = value]" headers, then records of "Name = hex" lines
/// separated by blank lines. Each record carries the headers in force.
/// </summary>
internal static class RspFile
{
    public static IEnumerable<Dictionary<string, string>> Read(params string[] relativePath)
    {
        var path = Path.Combine([AppContext.BaseDirectory, "vectors", "nist", .. relativePath]);
        var headers = new Dictionary<string, string>();
        Dictionary<string, string>? record = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#'))
                continue;
            if (line.StartsWith('['))
            {
                if (record is not null)
                    yield return record;
                record = null;
                var inner = line.Trim('[', ']');
                var eq = inner.IndexOf('=');
                if (eq < 0)
                    headers["Operation"] = inner;
                else
                    headers[inner[..eq].Trim()] = inner[(eq + 1)..].Trim();
                continue;
            }

            if (line.Length == 0)
            {
                if (record is not null)
                    yield return record;
                record = null;
                continue;
            }

            record ??= new Dictionary<string, string>(headers);
            var split = line.IndexOf('=');
            if (split < 0)
                record[line] = string.Empty;
            else
                record[line[..split].Trim()] = line[(split + 1)..].Trim();
        }

        if (record is not null)
            yield return record;
    }

    public static byte[] Hex(this Dictionary<string, string> record, string name) => Convert.FromHexString(record[name]);

    /// <summary>At most <paramref name="count"/> records spread over the whole file: lean, but not only the first ones.</summary>
    public static List<T> Spread<T>(this IEnumerable<T> items, int count)
    {
        var all = items.ToList();
        if (all.Count <= count)
            return all;
        return Enumerable.Range(0, count).Select(i => all[i * all.Count / count]).ToList();
    }
}
