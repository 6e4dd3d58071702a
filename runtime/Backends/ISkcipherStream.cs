namespace TypedAlg.Runtime;

/// <summary>
/// One skcipher message whose data arrives in pieces, the IV chained through them: <see cref="SkcipherStream"/> (the
/// kernel) or a managed stream. Incomplete blocks wait inside until the next call.
/// </summary>
public interface ISkcipherStream : IDisposable
{
    /// <summary>The number of input bytes held back until a whole block (or chunk) is available.</summary>
    int PendingBytes { get; }

    /// <summary>Processes all whole blocks of the pending bytes plus <paramref name="source"/>.</summary>
    /// <param name="source">The next piece of input.</param>
    /// <param name="destination">Room for the whole blocks (may be the source span itself).</param>
    /// <returns>The bytes written to <paramref name="destination"/>.</returns>
    int Update(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>Processes the pending bytes plus the last piece and ends the message.</summary>
    /// <param name="source">The last piece of input (may be empty).</param>
    /// <param name="destination">Room for pending + source.Length bytes.</param>
    /// <returns>The bytes written to <paramref name="destination"/>.</returns>
    int Finish(ReadOnlySpan<byte> source, Span<byte> destination);
}
