using System.Buffers;
using System.Security.Cryptography;

namespace TypedAlg.Runtime.DotNet;

/// <summary>Streams into a hash core (<see cref="IHashBackend"/>) asynchronously, for the generated <c>HashAsync</c>/<c>ComputeAsync</c>.</summary>
public static class HashStreams
{
    // 64 KiB reads keep the number of system calls low without a large buffer (as the generated Hash(Stream)).
    private const int BufferSize = 64 * 1024;

    /// <summary>
    /// Appends <paramref name="stream"/> from its position to its end. Cancellation is checked between reads; when it
    /// (or anything else) stops the loop, the running hash is discarded, so the core hashes correctly next time.
    /// </summary>
    /// <param name="core">The hash core to append to.</param>
    /// <param name="stream">The stream to read.</param>
    /// <param name="cancellationToken">Checked before every read and passed to it.</param>
    /// <returns>A task that completes when the stream's end has been appended.</returns>
    public static async Task AppendAsync(IHashBackend core, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                core.Append(buffer.AsSpan(0, read));
            }
        }
        catch
        {
            // Half a stream in the kernel's running hash would end up in the next digest: start over.
            Reset(core);
            throw;
        }
        finally
        {
            // The buffer held the data just hashed: clear it before the shared pool hands it to anyone else.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>Discards the running hash of <paramref name="core"/> (one recv; a failed append resets it too).</summary>
    /// <param name="core">The core to reset.</param>
    public static void Reset(IHashBackend core)
    {
        ArgumentNullException.ThrowIfNull(core);
        Span<byte> scratch = stackalloc byte[core.DigestSize];
        try
        {
            core.GetHashAndReset(scratch);
        }
        catch (InvalidOperationException)
        {
            // An earlier append failed: GetHashAndReset has reset the state and said so; nothing is left to discard.
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch);
        }
    }
}
