namespace TypedAlg.Cli.Io;

/// <summary>The input of a command: a file (-i FILE) or stdin, with its length when known (for progress).</summary>
internal sealed class Input : IDisposable
{
    private readonly bool _owned;

    private Input(Stream stream, string name, long? length, bool owned)
    {
        Stream = stream;
        Name = name;
        Length = length;
        _owned = owned;
    }

    public Stream Stream { get; }

    public string Name { get; }

    public long? Length { get; }

    public bool IsFile => _owned;

    /// <summary>Opens FILE, or stdin when <paramref name="path"/> is null or "-".</summary>
    public static Input Open(string? path, CliContext context)
    {
        if (path is null or "-")
        {
            return new Input(context.Stdin, "-", null, owned: false);
        }

        if (Directory.Exists(path))
        {
            throw CliException.Failure($"{path}: Is a directory");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CliException.Failure($"{path}: No such file or directory");
        }

        long? length = stream.CanSeek ? stream.Length : null;
        return new Input(stream, path, length, owned: true);
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the input ends (pipes return short reads).</summary>
    public int ReadFull(Span<byte> buffer)
    {
        var total = 0;
        int n;
        while (total < buffer.Length && (n = Stream.Read(buffer[total..])) > 0)
        {
            total += n;
        }

        return total;
    }

    /// <summary>Reads the whole input for operations that are one kernel request (AEAD, XTS); more than <paramref name="max"/> bytes is an error.</summary>
    public byte[] ReadAll(int max, string limitReason)
    {
        var buffer = new byte[(int)Math.Min(Length ?? 64 * 1024, (long)max + 1)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > max)
                {
                    throw CliException.Failure($"{Name}: input larger than {max} bytes; {limitReason}");
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)max + 1));
            }

            var n = Stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                return buffer[..total];
            }

            total += n;
        }
    }

    public void Dispose()
    {
        if (_owned)
        {
            Stream.Dispose();
        }
    }
}
