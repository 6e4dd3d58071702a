using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using TypedAlg.Annotations;
using TypedAlg.Cli.Crypto;
using TypedAlg.Cli.Io;
using TypedAlg.Cli.Kernel;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Commands;

/// <summary>typedalg dgst: kcapi-dgst's options and output (binary, or --hex without a newline).</summary>
internal static class DgstCommand
{
    public static Command Create(CliContext context)
    {
        var cipher = new Option<string>("--cipher", "-c") { Description = "Kernel hash name, e.g. sha256, hmac(sha256), cmac(aes)", Required = true };
        var infile = new Option<string?>("--infile", "-i") { Description = "Input file (default: stdin)" };
        var outfile = new Option<string?>("--outfile", "-o") { Description = "Output file (default: stdout)" };
        var keyfd = new Option<int?>("--keyfd") { Description = "File descriptor to read the key of a keyed hash from" };
        var hex = new Option<bool>("--hex") { Description = "Print the digest as lowercase hex (no newline, as kcapi-dgst)" };
        var command = new Command("dgst", "Message digest or MAC of the input, like kcapi-dgst") { cipher, infile, outfile, keyfd, hex };
        command.SetAction(r => Run(context, r.GetRequiredValue(cipher), r.GetValue(infile), r.GetValue(outfile), r.GetValue(keyfd), r.GetValue(hex)));
        return command;
    }

    private static int Run(CliContext context, string name, string? infile, string? outfile, int? keyfd, bool hex)
    {
        var entry = KernelAlgorithms.Require(name, KernelAlgorithmType.Hash);
        var digestSize = entry.DigestSize ?? throw CliException.Failure($"'{name}': /proc/crypto gives no digest size");
        using var hash = Open(name, digestSize, keyfd);
        using var input = Input.Open(infile, context);
        var digest = new byte[digestSize];
        HashStreaming.Digest(hash, input, new byte[HashStreaming.BufferSize], Progress.For(context, input.Length), digest);

        using var output = Output.Open(outfile, context);
        output.Write(hex ? Encoding.ASCII.GetBytes(Hex.Lower(digest)) : digest);
        return ExitCodes.Success;
    }

    private static HashCore Open(string name, int digestSize, int? keyfd)
    {
        if (keyfd is not int fd)
        {
            return new HashCore(name, digestSize);
        }

        var key = KeyFd.Read(fd);
        try
        {
            return new HashCore(name, digestSize, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
