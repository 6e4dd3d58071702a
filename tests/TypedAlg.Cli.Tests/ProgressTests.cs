using TypedAlg.Cli.Io;
using Xunit;

namespace TypedAlg.Cli.Tests;

/// <summary>Progress appears on a terminal only, after a delay, rate-limited, and is erased at the end.</summary>
public sealed class ProgressTests
{
    [Fact]
    public void DrawsAfterASecondThenAtMostFiveTimesASecondAndErases()
    {
        long now = 0;
        var stderr = new StringWriter();
        var progress = new Progress(stderr, 4L << 20, () => now);

        progress.Advance(1 << 20);
        Assert.Equal("", stderr.ToString());

        now = 1000;
        progress.Advance(1 << 20);
        Assert.Equal("\rtypedalg: 2 MiB of 4 MiB (50%)", stderr.ToString());

        now = 1100;
        progress.Advance(1 << 20);
        Assert.DoesNotContain("3 MiB", stderr.ToString(), StringComparison.Ordinal);

        progress.Done();
        Assert.EndsWith("\r", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NothingIsWrittenWhenStderrIsNotATerminal()
    {
        var stderr = new StringWriter();
        var context = new CliContext(new MemoryStream(), new MemoryStream(), stderr, stderrIsTerminal: false);
        var progress = Progress.For(context, 100);

        progress.Advance(100);
        progress.Done();

        Assert.Equal("", stderr.ToString());
    }
}
