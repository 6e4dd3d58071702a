using TypedAlg.Cli.Io;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Crypto;

/// <summary>Feeds an input through a hash in fixed-size pieces (never the whole file in memory).</summary>
internal static class HashStreaming
{
    public const int BufferSize = 64 * 1024;

    public static void Digest(HashCore hash, Input input, byte[] buffer, Progress progress, Span<byte> digest)
    {
        try
        {
            int n;
            while ((n = input.ReadFull(buffer)) > 0)
            {
                hash.Append(buffer.AsSpan(0, n));
                progress.Advance(n);
            }
        }
        finally
        {
            // Also on a read error: the next file must start from an empty hash.
            hash.GetHashAndReset(digest);
            progress.Done();
        }
    }
}
