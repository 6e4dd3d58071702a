using System.Security.Cryptography;
using TypedAlg.Cli.Io;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Crypto;

/// <summary>
/// Encrypts or decrypts a skcipher input to an output in fixed-size pieces (one kernel message, IV sent once),
/// padding and unpadding block ciphers as <see cref="Padding"/> says. Modes the kernel cannot chain across
/// requests (XTS) go as one request.
/// </summary>
internal sealed class SkcipherPipe
{
    private const int Chunk = 64 * 1024;

    private readonly SkcipherCore _core;
    private readonly bool _decrypt;
    private readonly PaddingRule _padding;
    private readonly bool _unpad;

    /// <param name="unpad">Whether decryption strips padding (kcapi-enc does only file to file).</param>
    public SkcipherPipe(SkcipherCore core, bool decrypt, PaddingRule padding, bool unpad)
    {
        _core = core;
        _decrypt = decrypt;
        _padding = padding;
        _unpad = decrypt && unpad && padding != PaddingRule.None && core.BlockSize > 1;
    }

    private int BlockSize => _core.BlockSize;

    public void Run(ReadOnlySpan<byte> iv, Input input, Output output, Progress progress)
    {
        if (_core.MaxSingleRequestLength != int.MaxValue)
        {
            RunOneShot(iv, input, output);
            return;
        }

        using var stream = _decrypt ? _core.CreateDecryptor(iv) : _core.CreateEncryptor(iv);
        var source = new byte[Chunk];
        var destination = new byte[Chunk + 512];
        var sink = new Sink(output, _unpad ? BlockSize : 0);
        try
        {
            long total = 0;
            int n;
            while ((n = input.ReadFull(source)) > 0)
            {
                total += n;
                sink.Write(destination.AsSpan(0, stream.Update(source.AsSpan(0, n), destination)));
                progress.Advance(n);
            }

            Span<byte> pad = stackalloc byte[_decrypt ? 0 : Padding.PadLength(total, BlockSize, _padding)];
            pad.Fill((byte)pad.Length);
            sink.Write(destination.AsSpan(0, stream.Finish(pad, destination)));
            sink.Finish(tail => Padding.UnpadLength(tail, BlockSize, _padding));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(source);
            CryptographicOperations.ZeroMemory(destination);
            progress.Done();
        }
    }

    private void RunOneShot(ReadOnlySpan<byte> iv, Input input, Output output)
    {
        var max = _core.MaxSingleRequestLength - BlockSize;
        var data = input.ReadAll(max, "this mode is one kernel request, bounded by the socket buffers (net.core.wmem_max)");
        var pad = _decrypt ? 0 : Padding.PadLength(data.Length, BlockSize, _padding);
        var buffer = new byte[data.Length + pad];
        data.CopyTo(buffer, 0);
        buffer.AsSpan(data.Length).Fill((byte)pad);
        try
        {
            if (_decrypt)
            {
                _core.Decrypt(iv, buffer, buffer);
            }
            else
            {
                _core.Encrypt(iv, buffer, buffer);
            }

            var strip = _unpad ? Padding.UnpadLength(buffer.AsSpan(Math.Max(0, buffer.Length - BlockSize)), BlockSize, _padding) : 0;
            output.Write(buffer.AsSpan(0, buffer.Length - strip));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>Writes output but holds back the last block until the end, where padding is stripped from it.</summary>
    private sealed class Sink(Output output, int holdBack)
    {
        private readonly byte[] _held = new byte[holdBack];
        private int _heldCount;

        public void Write(ReadOnlySpan<byte> data)
        {
            if (holdBack == 0)
            {
                output.Write(data);
                return;
            }

            // Output comes in whole blocks, so a non-empty piece always replaces the held block.
            if (data.Length >= holdBack)
            {
                output.Write(_held.AsSpan(0, _heldCount));
                output.Write(data[..^holdBack]);
                data[^holdBack..].CopyTo(_held);
                _heldCount = holdBack;
            }
            else if (!data.IsEmpty)
            {
                throw new InvalidOperationException($"output piece of {data.Length} bytes is not whole blocks of {holdBack}");
            }
        }

        public void Finish(Func<byte[], int> unpad)
        {
            if (holdBack == 0 || _heldCount == 0)
            {
                return;
            }

            var strip = unpad(_held);
            output.Write(_held.AsSpan(0, _heldCount - strip));
            CryptographicOperations.ZeroMemory(_held);
        }
    }
}
