namespace TypedAlg.Cli.Io;

/// <summary>Hex text in and out: lowercase out (as kcapi-tools and coreutils print), either case in.</summary>
internal static class Hex
{
    public static string Lower(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Lowercase hex as ASCII bytes into <paramref name="destination"/> (2 bytes per input byte), without allocating.</summary>
    public static Span<byte> LowerAscii(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = (byte)digits[bytes[i] & 0xF];
        }

        return destination[..(2 * bytes.Length)];
    }

    /// <summary>Parses an option's hex value; a bad value is a usage error naming the option.</summary>
    public static byte[] Parse(string text, string option)
    {
        if (text.Length % 2 != 0)
        {
            throw CliException.Usage($"{option}: '{text}' is not hexadecimal bytes (odd number of digits)");
        }

        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw CliException.Usage($"{option}: '{text}' is not hexadecimal (digits 0-9, a-f)");
        }
    }

    /// <summary>Whether <paramref name="text"/> is exactly <paramref name="bytes"/> bytes of hex.</summary>
    public static bool IsHexOfLength(ReadOnlySpan<char> text, int bytes)
    {
        if (text.Length != bytes * 2)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
