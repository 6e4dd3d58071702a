using System.Text;

namespace TypedAlg.Cli.Manifest;

/// <summary>
/// A C# class name for a kernel name, as the default manifest spells them: cbc(aes) -> CbcAes,
/// hmac(sha256) -> HmacSha256, sha3-256 -> Sha3_256 (an underscore keeps two numbers apart).
/// </summary>
internal static class ClassNames
{
    public static string FromKernelName(string kernelName)
    {
        var name = new StringBuilder();
        foreach (var part in SplitWhere(kernelName, c => !char.IsAsciiLetterOrDigit(c)))
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (name.Length > 0 && char.IsAsciiDigit(name[^1]) && char.IsAsciiDigit(part[0]))
            {
                name.Append('_');
            }

            name.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, "Alg");
        }

        return name.ToString();
    }

    private static List<string> SplitWhere(string s, Func<char, bool> isSeparator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            if (i == s.Length || isSeparator(s[i]))
            {
                parts.Add(s[start..i]);
                start = i + 1;
            }
        }

        return parts;
    }
}
