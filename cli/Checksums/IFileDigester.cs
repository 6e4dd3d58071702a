namespace TypedAlg.Cli.Checksums;

/// <summary>What check mode needs from a hash: the digest of a named file ("-" is stdin).</summary>
internal interface IFileDigester
{
    int DigestSize { get; }

    void Digest(string file, Span<byte> digest);
}
