using System.Security.Cryptography;
using System.Text;
using TypedAlg.Cli.Checksums;
using Xunit;

namespace TypedAlg.Cli.Tests;

/// <summary>sum -c against files on disk; the kernel hash is replaced by .NET's SHA-256 (the kernel tests run the real one).</summary>
public sealed class CheckModeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void MatchingFilesPrintOKAndExit0()
    {
        var a = _dir.File("a.txt", "alpha");
        var list = _dir.File("list", $"{Sha("alpha")}  {a}\n{Sha("")} *{_dir.File("empty", "")}\n");

        (var exit, var stdout, var stderr) = Check(list);

        Assert.Equal(0, exit);
        Assert.Equal($"{a}: OK\n{Path.Combine(_dir.Path, "empty")}: OK\n", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void AMismatchPrintsFAILEDAWarningAndExits1()
    {
        var a = _dir.File("a.txt", "alpha");
        var b = _dir.File("b.txt", "beta");
        var list = _dir.File("list", $"{Sha("alpha")}  {a}\n{Sha("not beta")}  {b}\n");

        (var exit, var stdout, var stderr) = Check(list);

        Assert.Equal(1, exit);
        Assert.Equal($"{a}: OK\n{b}: FAILED\n", stdout);
        Assert.Equal("typedalg: WARNING: 1 computed checksum did NOT match\n", stderr);
    }

    [Fact]
    public void MissingFilesAndBadLinesAreCountedLikeCoreutils()
    {
        var a = _dir.File("a.txt", "alpha");
        var gone = Path.Combine(_dir.Path, "gone.txt");
        var list = _dir.File("list", $"{Sha("alpha")}  {a}\n{Sha("x")}  {gone}\nnot a checksum line\nalso bad\n{Sha("y")}  {gone}\n");

        (var exit, var stdout, var stderr) = Check(list);

        Assert.Equal(1, exit);
        Assert.Equal($"{a}: OK\n{gone}: FAILED open or read\n{gone}: FAILED open or read\n", stdout);
        var warnings = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"typedalg: {gone}: No such file or directory", warnings[0]);
        Assert.Equal("typedalg: WARNING: 2 lines are improperly formatted", warnings[^2]);
        Assert.Equal("typedalg: WARNING: 2 listed files could not be read", warnings[^1]);
    }

    [Fact]
    public void ImproperLinesAlonePassUnlessStrict()
    {
        var a = _dir.File("a.txt", "alpha");
        var list = _dir.File("list", $"{Sha("alpha")}  {a}\ngarbage\n");

        Assert.Equal(0, Check(list).Exit);
        Assert.Equal(1, Check(list, strict: true).Exit);
    }

    [Fact]
    public void QuietHidesOKAndStatusHidesEverything()
    {
        var a = _dir.File("a.txt", "alpha");
        var b = _dir.File("b.txt", "beta");
        var list = _dir.File("list", $"{Sha("alpha")}  {a}\n{Sha("other")}  {b}\n");

        (var exit, var stdout, _) = Check(list, quiet: true);
        Assert.Equal(1, exit);
        Assert.Equal($"{b}: FAILED\n", stdout);

        (exit, stdout, var stderr) = Check(list, status: true);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout + stderr);
    }

    [Fact]
    public void AListWithoutAnyValidLineFails()
    {
        var list = _dir.File("list", "nothing here\n");

        (var exit, var stdout, var stderr) = Check(list);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"typedalg: {list}: no properly formatted checksum lines found\n", stderr);
    }

    [Fact]
    public void IgnoreMissingSkipsAbsentFilesButNeedsOneVerified()
    {
        var a = _dir.File("a.txt", "alpha");
        var gone = Path.Combine(_dir.Path, "gone.txt");

        Assert.Equal(0, Check(_dir.File("l1", $"{Sha("alpha")}  {a}\n{Sha("x")}  {gone}\n"), ignoreMissing: true).Exit);
        Assert.Equal(1, Check(_dir.File("l2", $"{Sha("x")}  {gone}\n"), ignoreMissing: true).Exit);
    }

    private (int Exit, string Stdout, string Stderr) Check(string list, bool quiet = false, bool status = false, bool strict = false, bool ignoreMissing = false)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter { NewLine = "\n" };
        var context = new CliContext(new MemoryStream(), stdout, stderr, false) { WorkingDirectory = _dir.Path };
        var checker = new ChecksumChecker(context, new DotNetSha256(context), new CheckOptions(quiet, status, strict, false, ignoreMissing));
        var exit = checker.CheckList(list);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Reference SHA-256 reading files the way the tool opens them.</summary>
    private sealed class DotNetSha256(CliContext context) : IFileDigester
    {
        public int DigestSize => 32;

        public void Digest(string file, Span<byte> digest)
        {
            using var input = Io.Input.Open(file, context);
            SHA256.HashData(input.Stream, digest);
        }
    }
}
