using System.Buffers;
using System.Security.Cryptography;

namespace TypedAlg.Runtime.DotNet;

/// <summary>
/// An <see cref="ICryptoTransform"/> over an skcipher that the kernel chains (CBC, ECB, CTR), so that
/// <see cref="CryptoStream"/> encrypts and decrypts streams: PKCS#7 or no padding for block modes, none for CTR.
/// Each instance has its own kernel operation socket, closed by <see cref="Dispose"/>; the key stays with the core.
/// </summary>
/// <remarks>
/// After <see cref="TransformFinalBlock"/> the transform starts again from the same IV (<see cref="CanReuseTransform"/>),
/// on a new operation socket. Reusing an IV under one key leaks plaintext relations: prefer a new transform with a
/// new IV per message. One instance serves one thread at a time.
/// </remarks>
public sealed class SkcipherTransform : ICryptoTransform
{
    private readonly ISkcipherBackend _core;
    private readonly bool _encrypt;
    private readonly byte[] _iv;
    private readonly PaddingMode _padding;
    private readonly int _blockSize;
    private readonly byte[] _held; // decrypting with padding: the last plaintext block, which may be the padded one
    private ISkcipherStream? _stream;
    private bool _holding;

    /// <summary>Opens an operation socket on <paramref name="core"/> for one direction.</summary>
    /// <param name="core">The cipher (owned by the caller, who keeps it open while the transform is used).</param>
    /// <param name="encrypt">true to encrypt, false to decrypt.</param>
    /// <param name="iv">Exactly the core's IV size.</param>
    /// <param name="padding"><see cref="PaddingMode.PKCS7"/> or <see cref="PaddingMode.None"/> for block modes; <see cref="PaddingMode.None"/> for CTR.</param>
    /// <exception cref="ArgumentException">A padding the mode does not take, or a wrong IV length.</exception>
    public SkcipherTransform(ISkcipherBackend core, bool encrypt, ReadOnlySpan<byte> iv, PaddingMode padding)
    {
        ArgumentNullException.ThrowIfNull(core);
        if (padding is not (PaddingMode.None or PaddingMode.PKCS7) || (padding == PaddingMode.PKCS7 && core.BlockSize == 1))
        {
            throw new ArgumentException(
                core.BlockSize == 1 ? $"A stream mode takes PaddingMode.None, not {padding}." : $"Block modes take PaddingMode.PKCS7 or PaddingMode.None, not {padding}.",
                nameof(padding));
        }

        Validate.Length(iv.Length, core.IvSize, nameof(iv), "IV");
        _core = core;
        _encrypt = encrypt;
        _iv = iv.ToArray();
        _padding = padding;
        // CryptoStream hands whole InputBlockSize multiples to TransformBlock; for CTR, 64 is the granule SkcipherStream
        // passes to the kernel between pieces, so every piece comes back whole (output = input).
        _blockSize = core.BlockSize > 1 ? core.BlockSize : 64;
        _held = new byte[_blockSize];
        _stream = Open();
    }

    /// <inheritdoc />
    public int InputBlockSize => _blockSize;

    /// <inheritdoc />
    public int OutputBlockSize => _blockSize;

    /// <inheritdoc />
    public bool CanTransformMultipleBlocks => true;

    /// <inheritdoc />
    public bool CanReuseTransform => true;

    /// <inheritdoc />
    public int TransformBlock(byte[] inputBuffer, int inputOffset, int inputCount, byte[] outputBuffer, int outputOffset)
    {
        ValidateInput(inputBuffer, inputOffset, inputCount);
        ArgumentNullException.ThrowIfNull(outputBuffer);
        ArgumentOutOfRangeException.ThrowIfNegative(outputOffset);
        if (inputCount % _blockSize != 0)
        {
            throw new ArgumentException($"TransformBlock takes a multiple of InputBlockSize ({_blockSize} bytes); it is {inputCount} bytes.", nameof(inputCount));
        }

        var input = inputBuffer.AsSpan(inputOffset, inputCount);
        var output = outputBuffer.AsSpan(outputOffset);
        var stream = _stream ??= Open();
        if (_encrypt || _padding == PaddingMode.None || inputCount == 0)
        {
            return stream.Update(input, output);
        }

        // Decrypting with padding: the last block seen may be the final, padded one, so it is held back until more
        // arrives. Output is the held block plus all new blocks but the last: as long as the input.
        var length = (_holding ? _blockSize : 0) + inputCount - _blockSize;
        Validate.AtLeast(output.Length, length, nameof(outputBuffer), "output");
        var plain = ArrayPool<byte>.Shared.Rent(inputCount);
        try
        {
            stream.Update(input, plain.AsSpan(0, inputCount));
            var written = 0;
            if (_holding)
            {
                _held.CopyTo(output);
                written = _blockSize;
            }

            plain.AsSpan(0, inputCount - _blockSize).CopyTo(output[written..]);
            plain.AsSpan(inputCount - _blockSize, _blockSize).CopyTo(_held);
            _holding = true;
            return length;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain.AsSpan(0, inputCount));
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    /// <inheritdoc />
    public byte[] TransformFinalBlock(byte[] inputBuffer, int inputOffset, int inputCount)
    {
        ValidateInput(inputBuffer, inputOffset, inputCount);
        var input = inputBuffer.AsSpan(inputOffset, inputCount);
        var stream = _stream ??= Open();
        _stream = null; // the next message starts on a fresh operation socket
        using (stream)
        {
            if (_encrypt && _padding == PaddingMode.PKCS7)
            {
                var padded = new byte[Pkcs7Padding.GetPaddedLength(inputCount, _blockSize)];
                input.CopyTo(padded);
                Pkcs7Padding.Pad(padded, inputCount);
                stream.Finish(padded, padded);
                return padded;
            }

            if (_core.BlockSize > 1 && inputCount % _blockSize != 0)
            {
                throw new CryptographicException($"The input is not a whole number of {_blockSize}-byte blocks ({inputCount} bytes left over); with PaddingMode.None the data must be.");
            }

            if (_encrypt || _padding == PaddingMode.None)
            {
                var result = new byte[inputCount];
                stream.Finish(input, result);
                return result;
            }

            return FinishPkcs7Decrypt(stream, input);
        }
    }

    /// <summary>Closes the operation socket and wipes held-back plaintext. Idempotent.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        CryptographicOperations.ZeroMemory(_held);
        _holding = false;
    }

    private byte[] FinishPkcs7Decrypt(ISkcipherStream stream, ReadOnlySpan<byte> input)
    {
        var heldLength = _holding ? _blockSize : 0;
        _holding = false;
        var whole = new byte[heldLength + input.Length];
        try
        {
            _held.AsSpan(0, heldLength).CopyTo(whole);
            stream.Finish(input, whole.AsSpan(heldLength));
            if (whole.Length == 0)
            {
                throw new CryptographicException("Padding is invalid and cannot be removed (the ciphertext is empty).");
            }

            var length = Pkcs7Padding.Unpad(whole, _blockSize);
            return whole.AsSpan(0, length).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(whole);
            CryptographicOperations.ZeroMemory(_held);
        }
    }

    private ISkcipherStream Open() => _encrypt ? _core.CreateEncryptor(_iv) : _core.CreateDecryptor(_iv);

    private static void ValidateInput(byte[] inputBuffer, int inputOffset, int inputCount)
    {
        ArgumentNullException.ThrowIfNull(inputBuffer);
        ArgumentOutOfRangeException.ThrowIfNegative(inputOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(inputCount);
        if (inputCount > inputBuffer.Length - inputOffset)
        {
            throw new ArgumentException($"inputOffset + inputCount ({inputOffset} + {inputCount}) is past the end of the {inputBuffer.Length}-byte buffer.", nameof(inputCount));
        }
    }
}
