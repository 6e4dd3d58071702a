using System.CommandLine;
using System.Security.Cryptography;
using TypedAlg.Annotations;
using TypedAlg.Cli.Io;
using TypedAlg.Cli.Kernel;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Commands;

/// <summary>typedalg rng: kcapi-rng's options and output (binary, or --hex without a newline).</summary>
internal static class RngCommand
{
    private const int BufferSize = 4096;

    public static Command Create(CliContext context)
    {
        var bytes = new Option<long>("--bytes", "-b") { Description = "Number of random bytes to generate", Required = true };
        var name = new Option<string>("--name", "-n") { Description = "Kernel RNG name (default stdrng)", DefaultValueFactory = _ => "stdrng" };
        var hex = new Option<bool>("--hex") { Description = "Print lowercase hex (no newline, as kcapi-rng)" };
        var command = new Command("rng", "Random bytes from a kernel DRBG, like kcapi-rng") { bytes, name, hex };
        command.SetAction(r => Run(context, r.GetValue(bytes), r.GetRequiredValue(name), r.GetValue(hex)));
        return command;
    }

    private static int Run(CliContext context, long count, string name, bool hex)
    {
        if (count <= 0)
        {
            throw CliException.Usage($"--bytes: expected a positive number of bytes, got {count}");
        }

        if (!KernelAlgorithms.Binds(name, KernelAlgorithmType.Rng))
        {
            KernelAlgorithms.ThrowNotFound(name, KernelAlgorithmType.Rng);
        }

        using var rng = new RngCore(name);
        var buffer = new byte[BufferSize];
        var hexBuffer = hex ? new byte[2 * BufferSize] : [];
        var progress = Progress.For(context, count);
        try
        {
            while (count > 0)
            {
                var chunk = buffer.AsSpan(0, (int)Math.Min(count, buffer.Length));
                rng.Fill(chunk);
                context.Stdout.Write(hex ? Hex.LowerAscii(chunk, hexBuffer) : chunk);
                count -= chunk.Length;
                progress.Advance(chunk.Length);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
            progress.Done();
        }

        context.Stdout.Flush();
        return ExitCodes.Success;
    }
}
