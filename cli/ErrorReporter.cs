using System.Security.Cryptography;

namespace TypedAlg.Cli;

/// <summary>Turns any failure into one line on stderr, "typedalg: ...", and an exit code; never a stack trace.</summary>
internal static class ErrorReporter
{
    public const string Prefix = "typedalg: ";

    public static int Report(Exception exception, TextWriter stderr)
    {
        stderr.WriteLine(Prefix + OneLine(Describe(exception)));
        return exception is CliException cli ? cli.ExitCode : ExitCodes.Failure;
    }

    public static void Warn(TextWriter stderr, string message) => stderr.WriteLine(Prefix + OneLine(message));

    private static string Describe(Exception exception) => exception switch
    {
        CliException e => e.Message,
        AuthenticationTagMismatchException => "authentication failed: the tag does not match (wrong key, IV, AAD or tag, or the data was changed); no plaintext written",
        // ArgumentException appends " (Parameter 'x')", which names our code, not the user's input.
        ArgumentException { ParamName: { } p } e => e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal),
        UnauthorizedAccessException e => e.Message,
        IOException e => e.Message,
        CryptographicException e => e.Message,
        NotSupportedException e => e.Message,
        _ => $"internal error ({exception.GetType().Name}): {exception.Message}",
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
