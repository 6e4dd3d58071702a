using TypedAlg.Cli.Crypto;
using TypedAlg.Cli.Io;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Checksums;

/// <summary>Digests files one after another with one hash instance and one buffer for the whole run.</summary>
internal sealed class FileSummer(CliContext context, HashCore hash) : IFileDigester
{
    private readonly byte[] _buffer = new byte[HashStreaming.BufferSize];

    public int DigestSize => hash.DigestSize;

    /// <summary>Prints "HEX  FILE" per file; unreadable files are reported and make the exit code 1, as in coreutils.</summary>
    public int Print(IEnumerable<string> files, bool binary)
    {
        var exit = ExitCodes.Success;
        var digest = new byte[hash.DigestSize];
        foreach (var file in files)
        {
            try
            {
                Digest(file, digest);
                context.Out.WriteLine(ChecksumLine.Format(digest, file, binary));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CliException)
            {
                ErrorReporter.Report(e, context.Stderr);
                exit = ExitCodes.Failure;
            }
        }

        return exit;
    }

    public void Digest(string file, Span<byte> digest)
    {
        using var input = Input.Open(file, context);
        HashStreaming.Digest(hash, input, _buffer, Progress.For(context, input.Length), digest);
    }
}
