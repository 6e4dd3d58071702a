namespace TypedAlg.Cli;

/// <summary>The exit codes docs/cli.md promises.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation failed: kernel error, authentication failure, a checksum mismatch, a manifest disagreement.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong (unknown option, missing value, bad hex).</summary>
    public const int Usage = 2;
}
