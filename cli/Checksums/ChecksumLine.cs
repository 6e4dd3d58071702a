using System.Text;
using System.Text.RegularExpressions;
using TypedAlg.Cli.Io;

namespace TypedAlg.Cli.Checksums;

/// <summary>
/// One line of a coreutils checksum file: "HEX  FILE" (text mode), "HEX *FILE" (binary mode) or the BSD tagged
/// "ALG (FILE) = HEX". A leading backslash means the name is escaped (\\ for \, \n for a newline, \r for CR).
/// </summary>
internal sealed record ChecksumLine(string Hex, string FileName, bool Binary)
{
    private static readonly Regex s_tagged = new(@"^[A-Za-z0-9_-]+ \((?<file>.*)\) = (?<hex>[0-9A-Fa-f]+)$", RegexOptions.CultureInvariant);

    /// <summary>The line coreutils sha256sum prints for a file.</summary>
    public static string Format(ReadOnlySpan<byte> digest, string fileName, bool binary)
    {
        var escape = NeedsEscape(fileName);
        return (escape ? "\\" : "") + Io.Hex.Lower(digest) + (binary ? " *" : "  ") + (escape ? Escape(fileName) : fileName);
    }

    /// <summary>How check mode names a file in "FILE: OK" (escaped the same way).</summary>
    public static string Display(string fileName) => NeedsEscape(fileName) ? "\\" + Escape(fileName) : fileName;

    public static bool TryParse(string line, int digestSize, out ChecksumLine? parsed)
    {
        parsed = null;
        var escaped = line.StartsWith('\\');
        var body = escaped ? line[1..] : line;

        var tagged = s_tagged.Match(body);
        string hex;
        string name;
        var binary = false;
        if (tagged.Success)
        {
            hex = tagged.Groups["hex"].Value;
            name = tagged.Groups["file"].Value;
        }
        else
        {
            var space = body.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0 || space + 2 > body.Length || body[space + 1] is not (' ' or '*'))
            {
                return false;
            }

            hex = body[..space];
            binary = body[space + 1] == '*';
            name = body[(space + 2)..];
        }

        if (!Io.Hex.IsHexOfLength(hex, digestSize) || name.Length == 0)
        {
            return false;
        }

        if (escaped && !TryUnescape(name, out name))
        {
            return false;
        }

        parsed = new ChecksumLine(hex.ToLowerInvariant(), name, binary);
        return true;
    }

    private static bool NeedsEscape(string name) => name.AsSpan().IndexOfAny('\\', '\n', '\r') >= 0;

    private static string Escape(string name) => name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static bool TryUnescape(string name, out string result)
    {
        var text = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != '\\')
            {
                text.Append(name[i]);
                continue;
            }

            if (++i == name.Length)
            {
                result = name;
                return false;
            }

            switch (name[i])
            {
                case '\\': text.Append('\\'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                default: result = name; return false;
            }
        }

        result = text.ToString();
        return true;
    }
}
