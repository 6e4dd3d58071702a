using System.CommandLine;
using TypedAlg.Cli.Commands;

namespace TypedAlg.Cli;

/// <summary>The root command: wiring only; each command lives in Commands/.</summary>
internal static class Program
{
    private static int Main(string[] args) => Run(args, CliContext.FromConsole());

    /// <summary>Parses and runs; every error becomes one "typedalg: ..." line on stderr and a non-zero exit code.</summary>
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("typedalg: the Linux kernel crypto API (AF_ALG) from the command line")
        {
            DgstCommand.Create(context),
            EncCommand.Create(context),
            RngCommand.Create(context),
            SumCommand.Create(context),
            ListCommand.Create(context),
            ManifestCommand.Create(context),
            DoctorCommand.Create(context),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command == root ? "typedalg" : $"typedalg {parsed.CommandResult.Command.Name}";
            // An unknown word explains more than the "required command was not provided" that follows from it.
            var message = parsed.UnmatchedTokens.Count > 0 ? $"unknown command or option '{parsed.UnmatchedTokens[0]}'" : parsed.Errors[0].Message.TrimEnd('.');
            return ErrorReporter.Report(CliException.Usage($"{message} (see '{command} --help')"), context.Stderr);
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, context.Stderr);
        }
        finally
        {
            context.Stdout.Flush();
        }
    }
}
