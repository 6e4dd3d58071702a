using System.Security.Cryptography;

namespace TypedAlg.Runtime.Streaming;

/// <summary>
/// A write-only stream that seals what is written to it in segments (see <see cref="StreamingAead"/>). Memory stays at
/// about two segments whatever the length. <see cref="Complete"/> writes the last segment; disposing without it does
/// not, so that an interrupted write never leaves a ciphertext that opens as a shorter, complete plaintext.
/// </summary>
public sealed class StreamingAeadSealingStream : Stream
{
    private readonly StreamingAead _parameters;
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly SegmentCipher _cipher;
    private readonly byte[] _plaintext;  // the segment being filled; sealed only once more data (or Complete) shows whether it is the last
    private readonly byte[] _ciphertext;
    private int _filled;
    private int _capacity;                // the first segment holds fewer plaintext bytes: it shares its size with the header
    private long _length;
    private bool _faulted;
    private bool _disposed;

    internal StreamingAeadSealingStream(StreamingAead parameters, Stream output, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData,
                                        bool leaveOpen, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> noncePrefix)
    {
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        _parameters = parameters;
        _output = output;
        _leaveOpen = leaveOpen;
        _ciphertext = GC.AllocateUninitializedArray<byte>(parameters.SegmentSize);
        _cipher = SegmentCipher.ForSealing(parameters, key, associatedData, _ciphertext.AsSpan(0, parameters.HeaderSize), salt, noncePrefix);
        try
        {
            CheckFits(parameters, _cipher);
            _output.Write(_ciphertext, 0, parameters.HeaderSize);
        }
        catch
        {
            _cipher.Dispose();
            throw;
        }

        _plaintext = GC.AllocateUninitializedArray<byte>(parameters.PlaintextSegmentSize);
        _capacity = parameters.FirstPlaintextSegmentSize;
    }

    /// <summary>Whether <see cref="Complete"/> has written the last segment.</summary>
    public bool IsCompleted => _cipher.Ended;

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => !_disposed && !_cipher.Ended;

    /// <summary>The plaintext bytes written so far.</summary>
    public override long Length => _length;

    /// <summary>The plaintext bytes written so far; cannot be set.</summary>
    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException("A sealing stream cannot seek.");
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckWritable();
        while (!buffer.IsEmpty)
        {
            if (_filled == _capacity)
            {
                // More data follows, so the full segment is not the last one.
                SealSegment(last: false);
            }

            var take = Math.Min(buffer.Length, _capacity - _filled);
            buffer[..take].CopyTo(_plaintext.AsSpan(_filled));
            _filled += take;
            _length += take;
            buffer = buffer[take..];
        }
    }

    /// <inheritdoc/>
    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Seals what is buffered as the last segment, writes it and flushes the output. The stream takes no more data.</summary>
    /// <exception cref="InvalidOperationException">The stream is already complete, or an earlier write failed.</exception>
    public void Complete()
    {
        CheckWritable();
        SealSegment(last: true);
        _output.Flush();
    }

    /// <summary>Flushes the output; buffered plaintext stays buffered until a segment is full (or <see cref="Complete"/>).</summary>
    public override void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _output.Flush();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("A sealing stream is write-only.");

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A sealing stream cannot seek.");

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("A sealing stream cannot seek.");

    /// <summary>Wipes the buffers and closes the kernel socket (and the output unless left open). Writes nothing: see <see cref="Complete"/>.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            CryptographicOperations.ZeroMemory(_plaintext);
            CryptographicOperations.ZeroMemory(_ciphertext);
            _cipher.Dispose();
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void SealSegment(bool last)
    {
        try
        {
            var sealedLength = _filled + StreamingAead.TagSize;
            _cipher.Seal(_plaintext.AsSpan(0, _filled), _ciphertext.AsSpan(0, sealedLength), last);
            _output.Write(_ciphertext, 0, sealedLength);
            _filled = 0;
            _capacity = _parameters.PlaintextSegmentSize;
        }
        catch
        {
            // A segment that went missing would make the rest of the stream unopenable: refuse to go on.
            _faulted = true;
            throw;
        }
    }

    private void CheckWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_faulted)
        {
            throw new InvalidOperationException("An earlier write to this sealing stream failed; start a new stream.");
        }

        if (_cipher.Ended)
        {
            throw new InvalidOperationException("The sealing stream is complete; it takes no more data.");
        }
    }

    /// <summary>A segment is one kernel message: refuse a segment size this kernel's socket buffers cannot take, before any output.</summary>
    internal static void CheckFits(StreamingAead parameters, SegmentCipher cipher)
    {
        var max = cipher.MaxMessageLength;
        if (parameters.SegmentSize > max)
        {
            throw new ArgumentException(
                $"A segment is one kernel message: this kernel's socket buffers take at most {max} bytes (raise net.core.wmem_max and " +
                $"net.core.rmem_max for more), and the segment size is {parameters.SegmentSize}; choose a segment size of at most {max}.", "segmentSize");
        }
    }
}
