using System.Text;

namespace TypedAlg.Cli.Tests;

/// <summary>Runs typedalg in-process with captured streams, in a fresh working directory.</summary>
internal sealed record CliResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string Text => Encoding.UTF8.GetString(Stdout);

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

internal static class CliRunner
{
    public static CliResult Run(string workingDirectory, byte[] stdin, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter { NewLine = "\n" };
        var context = new CliContext(new MemoryStream(stdin), stdout, stderr, stderrIsTerminal: false) { WorkingDirectory = workingDirectory };
        var exit = Program.Run(args, context);
        return new CliResult(exit, stdout.ToArray(), stderr.ToString());
    }

    public static CliResult Run(params string[] args) => Run(Path.GetTempPath(), [], args);
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "typedalg-cli-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string File(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
