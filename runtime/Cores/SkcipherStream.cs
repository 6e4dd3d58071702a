using System.Security.Cryptography;
using TypedAlg.Runtime.Interop;
using static TypedAlg.Runtime.Interop.AlgConstants;

namespace TypedAlg.Runtime;

/// <summary>
/// One skcipher message whose data arrives in pieces, on its own operation socket. The IV is sent once when the
/// stream is created; the kernel chains it through every piece. Incomplete blocks wait inside until the next call.
/// </summary>
public sealed class SkcipherStream : ISkcipherStream
{
    private readonly SkcipherCore _core;
    private readonly AlgOpSocket _op;
    private readonly byte[] _carry;
    private readonly int _granule;
    private readonly int _chunk;
    private int _carryCount;
    private bool _finished;
    private bool _failed;

    internal SkcipherStream(SkcipherCore core, AlgOpSocket op, uint direction, ReadOnlySpan<byte> iv)
    {
        _core = core;
        _op = op;

        // Between pieces the kernel only processes whole chunks (crypto_skcipher_chunksize: the block size, or
        // 16/64 bytes for CTR/ChaCha); 64 covers every stream mode.
        _granule = core.BlockSize > 1 ? core.BlockSize : 64;
        _carry = GC.AllocateUninitializedArray<byte>(_granule, pinned: true);
        try
        {
            // No more per request than the socket buffers hold (see SkcipherCore.ChainedRequestSize).
            _chunk = SkcipherCore.ChainedRequestSize(op);
            Span<byte> control = stackalloc byte[Cmsg.ControlSize(iv.Length, aead: false)];
            Cmsg.Write(control, direction, iv, 0, aead: false);
            op.SendMessage(control, default, default, default, MSG_MORE);
        }
        catch
        {
            op.Dispose();
            throw;
        }
    }

    /// <summary>The number of input bytes held back until a whole block (or chunk) is available.</summary>
    public int PendingBytes => _carryCount;

    /// <summary>Processes all whole blocks of the pending bytes plus <paramref name="source"/>.</summary>
    /// <param name="source">The next piece of input.</param>
    /// <param name="destination">Room for the whole blocks: pending + source.Length rounded down (may be the source span itself).</param>
    /// <returns>The bytes written to <paramref name="destination"/>.</returns>
    public int Update(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int total = _carryCount + source.Length;
        int output = total - (total % _granule);
        Validate.AtLeast(destination.Length, output, nameof(destination), "destination");
        Validate.DestinationNotAhead(source, destination, nameof(destination));
        _op.Enter(this);
        try
        {
            ThrowIfFinished();
            return Process(source, destination, final: false);
        }
        finally
        {
            _op.Exit();
        }
    }

    /// <summary>Processes the pending bytes plus the last piece and ends the message.</summary>
    /// <param name="source">The last piece of input (may be empty).</param>
    /// <param name="destination">Room for pending + source.Length bytes.</param>
    /// <returns>The bytes written to <paramref name="destination"/>.</returns>
    public int Finish(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int total = _carryCount + source.Length;
        Validate.AtLeast(destination.Length, total, nameof(destination), "destination");
        Validate.DestinationNotAhead(source, destination, nameof(destination));
        _core.ValidateMessageLength(total, nameof(source));
        _op.Enter(this);
        try
        {
            ThrowIfFinished();
            int written = Process(source, destination, final: true);
            _finished = true;
            return written;
        }
        finally
        {
            _op.Exit();
        }
    }

    /// <summary>Closes the operation socket and wipes held-back input. Idempotent.</summary>
    public void Dispose()
    {
        _op.Dispose();
        CryptographicOperations.ZeroMemory(_carry);
        _carryCount = 0;
    }

    /// <summary>
    /// Sends carry + source in chunks and receives each chunk's output. Output lags input by the carry, so when
    /// destination is the source span (in place) the next carry is saved before each receive overwrites it.
    /// </summary>
    private int Process(ReadOnlySpan<byte> source, Span<byte> destination, bool final)
    {
        // Until the end: a throw leaves part of the input queued in the kernel, and the stream cannot go on.
        _failed = true;
        int carry = _carryCount;
        int next = 0;
        int written = 0;
        while (true)
        {
            int available = carry + (source.Length - next);
            bool last = final && available <= _chunk;
            int n = last ? available : Math.Min(_chunk, available - (available % _granule));
            if (n == 0)
            {
                break;
            }

            int take = n - carry;
            _op.SendMessage(default, _carry.AsSpan(0, carry), source.Slice(next, take), default, last ? 0 : MSG_MORE);
            next += take;
            int keep = last ? 0 : Math.Min(carry, source.Length - next);
            source.Slice(next, keep).CopyTo(_carry);
            next += keep;
            carry = keep;
            _op.ReceiveExact(destination.Slice(written, n), last ? 0 : _granule);
            written += n;
            if (last)
            {
                break;
            }
        }

        int rest = source.Length - next;
        source[next..].CopyTo(_carry.AsSpan(carry));
        _carryCount = carry + rest;
        if (final)
        {
            CryptographicOperations.ZeroMemory(_carry);
            _carryCount = 0;
        }

        _failed = false;
        return written;
    }

    private void ThrowIfFinished()
    {
        if (_failed)
        {
            throw new InvalidOperationException("An earlier Update or Finish on this stream failed; start a new stream for this message.");
        }

        if (_finished)
        {
            throw new InvalidOperationException("Finish was already called; start a new stream for a new message.");
        }
    }
}
