using System.CommandLine;
using TypedAlg.Annotations;
using TypedAlg.Cli.Checksums;
using TypedAlg.Cli.Crypto;
using TypedAlg.Cli.Io;
using TypedAlg.Cli.Kernel;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Commands;

/// <summary>typedalg sum: coreutils sha256sum's output and -c check mode, with any kernel hash.</summary>
internal static class SumCommand
{
    public static Command Create(CliContext context)
    {
        var algorithm = new Option<string>("--algorithm", "-a") { Description = "Kernel hash name (default sha256)", DefaultValueFactory = _ => "sha256" };
        var check = new Option<bool>("--check", "-c") { Description = "Read checksum lines from the FILEs and check them" };
        var binary = new Option<bool>("--binary", "-b") { Description = "Mark lines with '*' (binary mode; the digest is the same)" };
        var text = new Option<bool>("--text", "-t") { Description = "Mark lines with ' ' (text mode, the default)" };
        var quiet = new Option<bool>("--quiet") { Description = "Check mode: do not print OK lines" };
        var status = new Option<bool>("--status") { Description = "Check mode: print nothing; the exit code tells" };
        var strict = new Option<bool>("--strict") { Description = "Check mode: fail on improperly formatted lines" };
        var warn = new Option<bool>("--warn", "-w") { Description = "Check mode: warn about each improperly formatted line" };
        var ignoreMissing = new Option<bool>("--ignore-missing") { Description = "Check mode: skip files that do not exist" };
        var files = new Argument<string[]>("FILE") { Description = "Files ('-' or none: stdin)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("sum", "Print or check checksums like sha256sum")
        {
            algorithm, check, binary, text, quiet, status, strict, warn, ignoreMissing, files,
        };
        command.SetAction(r =>
        {
            var names = r.GetValue(files) is { Length: > 0 } given ? given : ["-"];
            var name = r.GetRequiredValue(algorithm);
            var entry = KernelAlgorithms.Require(name, KernelAlgorithmType.Hash);
            var digestSize = entry.DigestSize ?? throw CliException.Failure($"'{name}': /proc/crypto gives no digest size");
            using var hash = new HashCore(name, digestSize);
            var summer = new FileSummer(context, hash);
            if (!r.GetValue(check))
            {
                return summer.Print(names, r.GetValue(binary));
            }

            var checker = new ChecksumChecker(context, summer, new CheckOptions(r.GetValue(quiet), r.GetValue(status), r.GetValue(strict), r.GetValue(warn), r.GetValue(ignoreMissing)));
            return names.Select(checker.CheckList).Aggregate(ExitCodes.Success, Math.Max);
        });
        return command;
    }
}
