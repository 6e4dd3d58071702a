namespace TypedAlg.Cli.Io;

/// <summary>The output of a command: a file (-o FILE, created or truncated) or stdout.</summary>
internal sealed class Output : IDisposable
{
    private readonly FileStream? _file;

    private Output(Stream stream, FileStream? file)
    {
        Stream = stream;
        _file = file;
    }

    public Stream Stream { get; }

    /// <summary>The output file, or null for stdout (kcapi-enc removes CBC padding only when writing a file).</summary>
    public FileStream? File => _file;

    public static Output Open(string? path, CliContext context)
    {
        if (path is null or "-")
        {
            return new Output(context.Stdout, null);
        }

        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        return new Output(file, file);
    }

    public void Write(ReadOnlySpan<byte> data) => Stream.Write(data);

    public void Dispose()
    {
        Stream.Flush();
        _file?.Dispose();
    }
}
