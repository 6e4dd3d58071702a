using System.Buffers;
using System.Security.Cryptography;

namespace TypedAlg.Runtime.DotNet;

/// <summary>Runs an <see cref="ICryptoTransform"/> from one stream to another, for the generated <c>EncryptAsync</c>/<c>DecryptAsync</c>.</summary>
public static class TransformStreams
{
    // 64 KiB chunks: SkcipherCore's request size, a multiple of every block size.
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Transforms <paramref name="source"/> from its position to its end into <paramref name="destination"/>, then
    /// disposes <paramref name="transform"/> (and with it its operation socket, whatever happens). Cancellation is
    /// checked between chunks; the cipher the transform came from stays usable.
    /// </summary>
    /// <param name="transform">The transform; this method owns it.</param>
    /// <param name="source">The input stream.</param>
    /// <param name="destination">The output stream (not flushed or closed).</param>
    /// <param name="cancellationToken">Checked before every chunk and passed to every read and write.</param>
    /// <returns>A task that completes when the last block has been written.</returns>
    /// <exception cref="CryptographicException">Decrypting: the padding is invalid.</exception>
    public static async Task TransformAsync(ICryptoTransform transform, Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using (transform)
        {
            ArgumentNullException.ThrowIfNull(transform);
            ArgumentNullException.ThrowIfNull(source);
            ArgumentNullException.ThrowIfNull(destination);
            var input = ArrayPool<byte>.Shared.Rent(ChunkSize);
            var output = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var filled = await source.ReadAtLeastAsync(input.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (filled < ChunkSize)
                    {
                        var last = transform.TransformFinalBlock(input, 0, filled);
                        await destination.WriteAsync(last, cancellationToken).ConfigureAwait(false);
                        CryptographicOperations.ZeroMemory(last);
                        return;
                    }

                    var written = transform.TransformBlock(input, 0, ChunkSize, output, 0);
                    await destination.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                // Both buffers held plaintext on one side: clear them before the shared pool hands them out again.
                ArrayPool<byte>.Shared.Return(input, clearArray: true);
                ArrayPool<byte>.Shared.Return(output, clearArray: true);
            }
        }
    }
}
