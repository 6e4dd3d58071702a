namespace TypedAlg.Cli;

/// <summary>An error the user can fix, reported as one line; <see cref="ExitCode"/> 2 means the command line was wrong.</summary>
internal sealed class CliException : Exception
{
    private CliException(string message, int exitCode)
        : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }

    /// <summary>A wrong command line (exit code 2).</summary>
    public static CliException Usage(string message) => new(message, ExitCodes.Usage);

    /// <summary>The command ran and failed (exit code 1).</summary>
    public static CliException Failure(string message) => new(message, ExitCodes.Failure);
}
