using System.Security.Cryptography;

namespace TypedAlg.Runtime.Streaming;

/// <summary>
/// A read-only stream of the plaintext of a sealed stream (see <see cref="StreamingAead.CreateOpeningStream"/>). A segment
/// is released only after it authenticated; the last segment is recognised by the end of the input (one byte read
/// ahead), so truncation at a segment boundary and appended data both fail on the last segment's flag.
/// </summary>
internal sealed class StreamingAeadOpeningStream : Stream
{
    private readonly StreamingAead _parameters;
    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly SegmentCipher _cipher;
    private readonly byte[] _ciphertext; // one segment and the byte after it, which tells whether the segment is the last
    private readonly byte[] _plaintext;
    private int _carried;                 // bytes already in _ciphertext (the byte read ahead)
    private int _segment;                 // the next segment's ciphertext size when it is not the last
    private int _offset;
    private int _available;
    private long _position;
    private bool _failed;
    private bool _disposed;

    internal StreamingAeadOpeningStream(StreamingAead parameters, Stream input, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData, bool leaveOpen)
    {
        if (!input.CanRead)
        {
            throw new ArgumentException("The input stream is not readable.", nameof(input));
        }

        _parameters = parameters;
        _input = input;
        _leaveOpen = leaveOpen;
        _ciphertext = GC.AllocateUninitializedArray<byte>(parameters.SegmentSize + 1);
        var headerLength = input.ReadAtLeast(_ciphertext.AsSpan(0, parameters.HeaderSize), parameters.HeaderSize, throwOnEndOfStream: false);
        _cipher = SegmentCipher.ForOpening(parameters, key, associatedData, _ciphertext.AsSpan(0, headerLength));
        try
        {
            StreamingAeadSealingStream.CheckFits(parameters, _cipher);
        }
        catch
        {
            _cipher.Dispose();
            throw;
        }

        _plaintext = GC.AllocateUninitializedArray<byte>(parameters.PlaintextSegmentSize);
        _segment = parameters.SegmentSize - parameters.HeaderSize;
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("An opening stream does not know its length before the end.");

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("An opening stream cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failed)
        {
            throw SegmentCipher.Tampered("an earlier segment did not authenticate");
        }

        while (_available == 0)
        {
            if (_cipher.Ended || buffer.IsEmpty)
            {
                return 0;
            }

            NextSegment();
        }

        var take = Math.Min(buffer.Length, _available);
        _plaintext.AsSpan(_offset, take).CopyTo(buffer);
        _offset += take;
        _available -= take;
        _position += take;
        return take;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("An opening stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("An opening stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("An opening stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            CryptographicOperations.ZeroMemory(_plaintext);
            _cipher.Dispose();
            if (!_leaveOpen)
            {
                _input.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void NextSegment()
    {
        // A segment and one more byte: if that byte exists, the segment is not the last.
        var wanted = _segment + 1;
        var have = _carried + _input.ReadAtLeast(_ciphertext.AsSpan(_carried, wanted - _carried), wanted - _carried, throwOnEndOfStream: false);
        var last = have < wanted;
        var length = last ? have : _segment;
        try
        {
            _cipher.Open(_ciphertext.AsSpan(0, length), _plaintext, last);
        }
        catch (AuthenticationTagMismatchException)
        {
            _failed = true;
            throw;
        }

        _offset = 0;
        _available = length - StreamingAead.TagSize;
        if (!last)
        {
            _ciphertext[0] = _ciphertext[_segment];
            _carried = 1;
        }

        _segment = _parameters.SegmentSize;
    }
}
