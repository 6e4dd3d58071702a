using System.Text;

namespace TypedAlg.Cli;

/// <summary>The process's standard streams, passed in so that tests can run commands in-process.</summary>
internal sealed class CliContext
{
    private TextWriter? _out;

    public CliContext(Stream stdin, Stream stdout, TextWriter stderr, bool stderrIsTerminal)
    {
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
        StderrIsTerminal = stderrIsTerminal;
    }

    public Stream Stdin { get; }

    /// <summary>Binary output; text goes through <see cref="Out"/>, which flushes after every write.</summary>
    public Stream Stdout { get; }

    public TextWriter Stderr { get; }

    /// <summary>Whether progress may be drawn on stderr (only on a terminal, never into a log file or pipe).</summary>
    public bool StderrIsTerminal { get; }

    /// <summary>Where manifest lookups start (the current directory unless a test says otherwise).</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    public TextWriter Out => _out ??= new StreamWriter(Stdout, new UTF8Encoding(false), 4096, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };

    public static CliContext FromConsole()
    {
        var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        return new CliContext(Console.OpenStandardInput(), Console.OpenStandardOutput(), stderr, !Console.IsErrorRedirected);
    }
}
