using System.Security.Cryptography;
using TypedAlg.Cli.Io;
using TypedAlg.Runtime.Streaming;

namespace TypedAlg.Cli.Crypto;

/// <summary>
/// enc --stream: files of any size through the streaming AEAD (docs/streaming-aead.md). The key from --keyfd is the
/// HKDF input, --aad the stream's associated data. A file output is written under a temporary name and renamed only
/// when complete, so a decryption that fails authentication leaves no plaintext file behind.
/// </summary>
internal static class AeadStreaming
{
    public static StreamingAead Parameters(string cipher, int keyLength, int segmentSize)
    {
        if (segmentSize is < 1 or > StreamingAead.MaxSegmentSize)
        {
            throw CliException.Usage($"--segment-size: {segmentSize}; allowed up to {StreamingAead.MaxSegmentSize} bytes");
        }

        try
        {
            return cipher switch
            {
                StreamingAead.AesGcmAlgorithm when keyLength is 16 or 24 or 32 => StreamingAead.AesGcmHkdfSha256(keyLength, segmentSize),
                StreamingAead.AesGcmAlgorithm => throw CliException.Usage($"--stream with gcm(aes) takes a 16, 24 or 32-byte key; the key has {keyLength} bytes"),
                StreamingAead.ChaCha20Poly1305Algorithm when keyLength >= 32 => StreamingAead.ChaCha20Poly1305HkdfSha256(segmentSize),
                StreamingAead.ChaCha20Poly1305Algorithm => throw CliException.Usage($"--stream with {cipher} takes a key of at least 32 bytes; the key has {keyLength}"),
                _ => throw CliException.Usage($"--stream works with {StreamingAead.AesGcmAlgorithm} and {StreamingAead.ChaCha20Poly1305Algorithm}, not '{cipher}'"),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw CliException.Usage($"--segment-size: {e.Message.Split(Environment.NewLine)[0]}");
        }
    }

    public static void Run(StreamingAead aead, bool decrypt, byte[] key, byte[] aad, string? infile, string? outfile, CliContext context)
    {
        using var input = Input.Open(infile, context);
        if (outfile is null or "-")
        {
            // To stdout the plaintext leaves before the end is verified: a failure exits non-zero (see docs/cli.md).
            try
            {
                Transform(aead, decrypt, key, aad, input.Stream, context.Stdout);
            }
            catch (AuthenticationTagMismatchException e)
            {
                throw CliException.Failure($"authentication failed: {e.Message} Discard the plaintext already written to stdout.");
            }

            context.Stdout.Flush();
            return;
        }

        var full = Path.GetFullPath(outfile);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.partial");
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                Transform(aead, decrypt, key, aad, input.Stream, output);
                output.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw CliException.Failure($"authentication failed: {e.Message} No plaintext written.");
        }
        finally
        {
            File.Delete(temporary); // gone after the move; on failure the partial output goes
        }
    }

    private static void Transform(StreamingAead aead, bool decrypt, byte[] key, byte[] aad, Stream input, Stream output)
    {
        if (decrypt)
        {
            using var opening = aead.CreateOpeningStream(input, key, aad, leaveOpen: true);
            opening.CopyTo(output, aead.SegmentSize);
        }
        else
        {
            using var sealing = aead.CreateSealingStream(output, key, aad, leaveOpen: true);
            input.CopyTo(sealing, aead.SegmentSize);
            sealing.Complete();
        }
    }
}
