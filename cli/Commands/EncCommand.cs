using System.CommandLine;
using System.Security.Cryptography;
using TypedAlg.Annotations;
using TypedAlg.Cli.Crypto;
using TypedAlg.Cli.Io;
using TypedAlg.Cli.Kernel;
using TypedAlg.Runtime;
using TypedAlg.Runtime.Kernel;
using TypedAlg.Runtime.Streaming;

namespace TypedAlg.Cli.Commands;

/// <summary>typedalg enc: kcapi-enc's main options, layouts and CBC padding rules (docs/cli.md).</summary>
internal static class EncCommand
{
    public static Command Create(CliContext context)
    {
        var cipher = new Option<string>("--cipher", "-c") { Description = "Kernel skcipher or AEAD name, e.g. cbc(aes), ctr(aes), gcm(aes)", Required = true };
        var encrypt = new Option<bool>("--encrypt", "-e") { Description = "Encrypt (the default)" };
        var decrypt = new Option<bool>("--decrypt", "-d") { Description = "Decrypt" };
        var infile = new Option<string?>("--infile", "-i") { Description = "Input file (default: stdin)" };
        var outfile = new Option<string?>("--outfile", "-o") { Description = "Output file (default: stdout)" };
        var iv = new Option<string?>("--iv") { Description = "IV or nonce in hex; shorter values are padded with zero bytes (default: all zero)" };
        var aad = new Option<string?>("--aad") { Description = "AEAD associated data in hex (selects AEAD, as in kcapi-enc)" };
        var tag = new Option<string?>("--tag") { Description = "AEAD tag in hex, for decryption" };
        var taglen = new Option<int?>("--taglen") { Description = "AEAD tag length in bytes, for encryption (default: the algorithm's largest)" };
        var ccmNonce = new Option<string?>("--ccm-nonce") { Description = "CCM nonce in hex (7..13 bytes), turned into the ccm(aes) IV" };
        var keyfd = new Option<int>("--keyfd") { Description = "File descriptor to read the key from, e.g. --keyfd 3 3<key.bin", Required = true };
        var nounpad = new Option<bool>("--nounpad") { Description = "Do not strip padding when decrypting file to file" };
        var padding = new Option<PaddingRule>("--padding") { Description = "Block cipher padding: Kcapi (default), Pkcs7 (as openssl enc) or None", DefaultValueFactory = _ => PaddingRule.Kcapi };
        var stream = new Option<bool>("--stream") { Description = "Streaming AEAD for data of any size (gcm(aes), rfc7539(chacha20,poly1305); docs/streaming-aead.md)" };
        var segmentSize = new Option<int>("--segment-size") { Description = "With --stream: ciphertext segment size in bytes (default 65536)", DefaultValueFactory = _ => StreamingAead.DefaultSegmentSize };
        var command = new Command("enc", "Symmetric encryption with a kernel skcipher or AEAD, like kcapi-enc")
        {
            cipher, encrypt, decrypt, infile, outfile, iv, aad, tag, taglen, ccmNonce, keyfd, nounpad, padding, stream, segmentSize,
        };
        command.SetAction(r =>
        {
            if (r.GetValue(encrypt) && r.GetValue(decrypt))
            {
                throw CliException.Usage("choose one of -e (encrypt) and -d (decrypt)");
            }

            if (r.GetValue(iv) is not null && r.GetValue(ccmNonce) is not null)
            {
                throw CliException.Usage("give either --iv or --ccm-nonce, not both");
            }

            if (r.GetValue(stream))
            {
                return RunStream(context, r.GetRequiredValue(cipher), r.GetValue(decrypt), r.GetValue(infile), r.GetValue(outfile),
                    Parse(r.GetValue(aad), "--aad") ?? [], r.GetValue(keyfd), r.GetValue(segmentSize),
                    r.GetValue(iv) ?? r.GetValue(tag) ?? r.GetValue(ccmNonce) ?? (r.GetValue(taglen) is null ? null : "--taglen"));
            }

            var request = new EncRequest(
                r.GetRequiredValue(cipher),
                r.GetValue(decrypt),
                r.GetValue(infile),
                r.GetValue(outfile),
                Parse(r.GetValue(iv), "--iv"),
                Parse(r.GetValue(aad), "--aad"),
                Parse(r.GetValue(tag), "--tag"),
                r.GetValue(taglen),
                Parse(r.GetValue(ccmNonce), "--ccm-nonce"),
                r.GetValue(keyfd),
                r.GetValue(nounpad),
                r.GetValue(padding));
            return Run(context, request);
        });
        return command;
    }

    private static int Run(CliContext context, EncRequest request)
    {
        var aead = request.Aad is not null || request.Tag is not null || request.TagLength is not null || request.CcmNonce is not null
            || (!KernelAlgorithms.Binds(request.Cipher, KernelAlgorithmType.Skcipher) && KernelAlgorithms.Binds(request.Cipher, KernelAlgorithmType.Aead));
        var entry = KernelAlgorithms.Require(request.Cipher, aead ? KernelAlgorithmType.Aead : KernelAlgorithmType.Skcipher);
        var iv = request.CcmNonce is { } nonce ? CcmIv(nonce) : FitIv(request.Iv, entry.IvSize ?? 0, request.Cipher);
        var key = KeyFd.Read(request.KeyFd);
        try
        {
            if (aead)
            {
                RunAead(context, request, entry, iv, key);
            }
            else
            {
                RunSkcipher(context, request, entry, iv, key);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return ExitCodes.Success;
    }

    private static int RunStream(CliContext context, string cipher, bool decrypt, string? infile, string? outfile, byte[] aad, int keyFd,
                                 int segmentSize, string? refused)
    {
        if (refused is not null)
        {
            throw CliException.Usage("--stream makes its own nonces and tags: --iv, --tag, --taglen and --ccm-nonce do not apply");
        }

        var key = KeyFd.Read(keyFd);
        try
        {
            AeadStreaming.Run(AeadStreaming.Parameters(cipher, key.Length, segmentSize), decrypt, key, aad, infile, outfile, context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return ExitCodes.Success;
    }

    private static void RunSkcipher(CliContext context, EncRequest request, ProcCryptoEntry entry, byte[] iv, byte[] key)
    {
        if (request.Tag is not null || request.TagLength is not null)
        {
            throw CliException.Usage($"--tag and --taglen are for AEAD ciphers; '{request.Cipher}' is a skcipher");
        }

        using var core = new SkcipherCore(request.Cipher, key, iv.Length, entry.BlockSize ?? 1);
        using var input = Input.Open(request.Infile, context);
        using var output = Output.Open(request.Outfile, context);

        // kcapi-enc unpads only file to file: it cannot know where stdin ends when it writes to stdout.
        var unpad = request.Padding != PaddingRule.Kcapi || (!request.NoUnpad && input.IsFile && output.File is not null);
        new SkcipherPipe(core, request.Decrypt, request.Padding, unpad).Run(iv, input, output, Progress.For(context, input.Length));
        if (!request.Decrypt && request.Padding == PaddingRule.Kcapi && unpad && EndsLikePadding(request.Infile!, core.BlockSize))
        {
            ErrorReporter.Warn(context.Stderr, "warning: the input's last bytes look like padding and will be stripped on decryption to a file; decrypt with --nounpad");
        }
    }

    private static void RunAead(CliContext context, EncRequest request, ProcCryptoEntry entry, byte[] iv, byte[] key)
    {
        if (request.Decrypt && request.Tag is null)
        {
            throw CliException.Usage("AEAD decryption needs the tag: --tag HEX");
        }

        if (!request.Decrypt && request.Tag is not null)
        {
            throw CliException.Usage("--tag is for decryption (-d); to choose the tag size when encrypting use --taglen");
        }

        var tagSize = request.Tag?.Length ?? request.TagLength ?? entry.MaxAuthSize
            ?? throw CliException.Failure($"'{request.Cipher}': /proc/crypto gives no maximum tag size; pass --taglen");
        using var core = new AeadCore(request.Cipher, key, iv.Length, tagSize);
        using var input = Input.Open(request.Infile, context);
        using var output = Output.Open(request.Outfile, context);
        var aad = request.Aad ?? [];
        if (request.Decrypt)
        {
            AeadOneShot.Decrypt(core, iv, aad, request.Tag, input, output);
        }
        else
        {
            AeadOneShot.Encrypt(core, iv, aad, input, output);
        }
    }

    /// <summary>The IV the kernel needs: all zero when absent, zero-padded when short (as kcapi-enc does).</summary>
    internal static byte[] FitIv(byte[]? iv, int ivSize, string cipher)
    {
        if (iv is not null && iv.Length > ivSize)
        {
            throw CliException.Usage($"--iv: {iv.Length} bytes, but '{cipher}' takes a {ivSize}-byte IV");
        }

        var fitted = new byte[ivSize];
        iv?.CopyTo(fitted, 0);
        return fitted;
    }

    /// <summary>The ccm(aes) IV: the counter block A0 (KernelFacts.WriteCcmCounterBlock).</summary>
    internal static byte[] CcmIv(byte[] nonce)
    {
        if (nonce.Length is < KernelFacts.CcmMinNonceSize or > KernelFacts.CcmMaxNonceSize)
        {
            throw CliException.Usage($"--ccm-nonce: {nonce.Length} bytes; a CCM nonce has {KernelFacts.CcmMinNonceSize} to {KernelFacts.CcmMaxNonceSize} bytes");
        }

        var iv = new byte[KernelFacts.CcmCounterBlockSize];
        KernelFacts.WriteCcmCounterBlock(nonce, iv);
        return iv;
    }

    private static bool EndsLikePadding(string path, int blockSize)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
        if (file.Length == 0 || file.Length % blockSize != 0)
        {
            return false;
        }

        var tail = new byte[blockSize];
        file.Seek(-blockSize, SeekOrigin.End);
        file.ReadExactly(tail);
        return Padding.LooksPadded(tail, blockSize);
    }

    private static byte[]? Parse(string? hex, string option) => hex is null ? null : Hex.Parse(hex, option);

    private sealed record EncRequest(
        string Cipher, bool Decrypt, string? Infile, string? Outfile, byte[]? Iv, byte[]? Aad, byte[]? Tag, int? TagLength,
        byte[]? CcmNonce, int KeyFd, bool NoUnpad, PaddingRule Padding);
}
