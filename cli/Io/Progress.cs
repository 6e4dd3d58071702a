using System.Diagnostics;

namespace TypedAlg.Cli.Io;

/// <summary>
/// "typedalg: 12 MiB of 40 MiB" on stderr while long work runs, only when stderr is a terminal, first after a
/// second and then at most five times a second, erased when done so that it never mixes with real output.
/// </summary>
internal sealed class Progress
{
    private const long DelayMs = 1000;
    private const long IntervalMs = 200;

    private readonly TextWriter? _stderr;
    private readonly long? _total;
    private readonly Func<long> _clockMs;
    private long _done;
    private long _nextDrawMs;
    private int _drawnLength;

    public Progress(TextWriter? stderr, long? total, Func<long>? clockMs = null)
    {
        _stderr = stderr;
        _total = total;
        _clockMs = clockMs ?? (() => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency);
        _nextDrawMs = _clockMs() + DelayMs;
    }

    /// <summary>A progress line for <paramref name="context"/>'s stderr when it is a terminal, else a silent one.</summary>
    public static Progress For(CliContext context, long? total) => new(context.StderrIsTerminal ? context.Stderr : null, total);

    public void Advance(long bytes)
    {
        _done += bytes;
        if (_stderr is null)
        {
            return;
        }

        var now = _clockMs();
        if (now < _nextDrawMs)
        {
            return;
        }

        _nextDrawMs = now + IntervalMs;
        var line = _total is long total
            ? $"typedalg: {Size(_done)} of {Size(total)} ({(total == 0 ? 100 : _done * 100 / total)}%)"
            : $"typedalg: {Size(_done)}";
        _stderr.Write("\r" + line.PadRight(_drawnLength));
        _drawnLength = line.Length;
    }

    /// <summary>Erases the line if one was drawn.</summary>
    public void Done()
    {
        if (_stderr is not null && _drawnLength > 0)
        {
            _stderr.Write("\r" + new string(' ', _drawnLength) + "\r");
            _drawnLength = 0;
        }
    }

    private static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";
}
