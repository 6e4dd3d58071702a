namespace TypedAlg.Cli.Crypto;

/// <summary>How enc pads block-cipher input (docs/cli.md, "CBC padding").</summary>
internal enum PaddingRule
{
    /// <summary>kcapi-enc: pad only a partial last block, with N bytes of value N; strip such bytes on decryption.</summary>
    Kcapi,

    /// <summary>PKCS#7 as openssl enc: always 1..blocksize bytes, so block-aligned input gains a whole block; checked on decryption.</summary>
    Pkcs7,

    /// <summary>No padding: the input must be whole blocks.</summary>
    None,
}

/// <summary>The padding arithmetic, apart from any I/O so that it can be tested on its own.</summary>
internal static class Padding
{
    /// <summary>How many padding bytes to append to <paramref name="length"/> bytes of plaintext.</summary>
    public static int PadLength(long length, int blockSize, PaddingRule mode)
    {
        if (blockSize <= 1 || mode == PaddingRule.None)
        {
            return 0;
        }

        var rest = (int)(length % blockSize);
        return mode == PaddingRule.Pkcs7 ? blockSize - rest : (blockSize - rest) % blockSize;
    }

    /// <summary>
    /// How many bytes to strip from the end of decrypted output whose last block is <paramref name="tail"/>.
    /// kcapi-enc's rule: a last byte N below the block size, preceded by N - 1 more bytes of N, is padding; else nothing is.
    /// </summary>
    public static int UnpadLength(ReadOnlySpan<byte> tail, int blockSize, PaddingRule mode)
    {
        if (blockSize <= 1 || mode == PaddingRule.None || tail.IsEmpty)
        {
            return 0;
        }

        int n = tail[^1];
        var valid = n <= tail.Length && AllEqual(tail[^Math.Max(n, 1)..], (byte)n);
        if (mode == PaddingRule.Kcapi)
        {
            return n < blockSize && valid ? n : 0;
        }

        if (n == 0 || n > blockSize || !valid)
        {
            throw CliException.Failure("bad PKCS#7 padding: wrong key or IV, or the data was not padded (or use --padding none)");
        }

        return n;
    }

    /// <summary>kcapi-enc warns when block-aligned plaintext ends like padding: decryption would strip it.</summary>
    public static bool LooksPadded(ReadOnlySpan<byte> tail, int blockSize) =>
        blockSize > 1 && tail.Length == blockSize && UnpadLength(tail, blockSize, PaddingRule.Kcapi) > 0;

    private static bool AllEqual(ReadOnlySpan<byte> bytes, byte value) => !bytes.ContainsAnyExcept(value);
}
