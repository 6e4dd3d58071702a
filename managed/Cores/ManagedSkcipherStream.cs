using System.Buffers;
using System.Security.Cryptography;
using TypedAlg.Runtime;

namespace TypedAlg.Managed.Cores;

/// <summary>
/// One skcipher message in pieces on the managed backend, with the kernel stream's contract: whole granules (the
/// block, or 64 bytes for CTR, as <see cref="SkcipherStream"/>) go out on each Update, the rest waits; Finish ends it.
/// </summary>
internal sealed class ManagedSkcipherStream : ISkcipherStream
{
    private readonly ManagedSkcipher _cipher;
    private readonly bool _encrypt;
    private readonly byte[] _iv;
    private readonly byte[] _carry;
    private readonly int _granule;
    private int _carryCount;
    private bool _finished;

    public ManagedSkcipherStream(ManagedSkcipher cipher, bool encrypt, ReadOnlySpan<byte> iv)
    {
        _cipher = cipher;
        _encrypt = encrypt;
        _iv = iv.ToArray();
        _granule = cipher.BlockSize > 1 ? cipher.BlockSize : 64;
        _carry = new byte[_granule];
    }

    public int PendingBytes => _carryCount;

    public int Update(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var total = _carryCount + source.Length;
        return Process(source, destination, total - (total % _granule));
    }

    public int Finish(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var total = _carryCount + source.Length;
        if (_cipher.BlockSize > 1 && total % _cipher.BlockSize != 0)
            throw new ArgumentException($"The input must be a multiple of the block size {_cipher.BlockSize} bytes; it is {total} bytes.", nameof(source));
        var written = Process(source, destination, total);
        _finished = true;
        Wipe();
        return written;
    }

    public void Dispose() => Wipe();

    /// <summary>Sends carry + source through the cipher up to <paramref name="length"/> bytes; the rest becomes the carry.</summary>
    private int Process(ReadOnlySpan<byte> source, Span<byte> destination, int length)
    {
        if (_finished)
            throw new InvalidOperationException("Finish was already called; start a new stream for a new message.");
        if (destination.Length < length)
            throw new ArgumentException($"The destination must be at least {length} bytes; it is {destination.Length}.", nameof(destination));

        var total = _carryCount + source.Length;
        // One wiped scratch buffer: the carry and the source in order, so destination may be the source (in place).
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Max(total, 1));
        try
        {
            _carry.AsSpan(0, _carryCount).CopyTo(scratch);
            source.CopyTo(scratch.AsSpan(_carryCount));
            _cipher.Transform(_encrypt, _iv, scratch.AsSpan(0, length), scratch.AsSpan(0, length));
            scratch.AsSpan(0, length).CopyTo(destination);
            _carryCount = total - length;
            scratch.AsSpan(length, _carryCount).CopyTo(_carry);
            return length;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch.AsSpan(0, total));
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private void Wipe()
    {
        CryptographicOperations.ZeroMemory(_carry);
        _carryCount = 0;
    }
}
