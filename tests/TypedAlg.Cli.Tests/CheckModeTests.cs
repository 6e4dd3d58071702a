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
    public void Matching_files_print_OK_and_exit_0()
    {
        string a = _dir.File("a.txt", "alpha");
        string list = _dir.File("list", $"{Sha("alpha")}  {a}\n{Sha("")} *{_dir.File("empty", "")}\n");

        (int exit, string stdout, string stderr) = Check(list);

        Assert.Equal(0, exit);
        Assert.Equal($"{a}: OK\n{Path.Combine(_dir.Path, "empty")}: OK\n", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void A_mismatch_prints_FAILED_a_warning_and_exits_1()
    {
        string a = _dir.File("a.txt", "alpha");
        string b = _dir.File("b.txt", "beta");
        string list = _dir.File("list", $"{Sha("alpha")}  {a}\n{Sha("not beta")}  {b}\n");

        (int exit, string stdout, string stderr) = Check(list);

        Assert.Equal(1, exit);
        Assert.Equal($"{a}: OK\n{b}: FAILED\n", stdout);
        Assert.Equal("typedalg: WARNING: 1 computed checksum did NOT match\n", stderr);
    }

    [Fact]
    public void Missing_files_and_bad_lines_are_counted_like_coreutils()
    {
        string a = _dir.File("a.txt", "alpha");
        string gone = Path.Combine(_dir.Path, "gone.txt");
        string list = _dir.File("list", $"{Sha("alpha")}  {a}\n{Sha("x")}  {gone}\nnot a checksum line\nalso bad\n{Sha("y")}  {gone}\n");

        (int exit, string stdout, string stderr) = Check(list);

        Assert.Equal(1, exit);
        Assert.Equal($"{a}: OK\n{gone}: FAILED open or read\n{gone}: FAILED open or read\n", stdout);
        string[] warnings = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"typedalg: {gone}: No such file or directory", warnings[0]);
        Assert.Equal("typedalg: WARNING: 2 lines are improperly formatted", warnings[^2]);
        Assert.Equal("typedalg: WARNING: 2 listed files could not be read", warnings[^1]);
    }

    [Fact]
    public void Improper_lines_alone_pass_unless_strict()
    {
        string a = _dir.File("a.txt", "alpha");
        string list = _dir.File("list", $"{Sha("alpha")}  {a}\ngarbage\n");

        Assert.Equal(0, Check(list).Exit);
        Assert.Equal(1, Check(list, strict: true).Exit);
    }

    [Fact]
    public void Quiet_hides_OK_and_status_hides_everything()
    {
        string a = _dir.File("a.txt", "alpha");
        string b = _dir.File("b.txt", "beta");
        string list = _dir.File("list", $"{Sha("alpha")}  {a}\n{Sha("other")}  {b}\n");

        (int exit, string stdout, _) = Check(list, quiet: true);
        Assert.Equal(1, exit);
        Assert.Equal($"{b}: FAILED\n", stdout);

        (exit, stdout, string stderr) = Check(list, status: true);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout + stderr);
    }

    [Fact]
    public void A_list_without_any_valid_line_fails()
    {
        string list = _dir.File("list", "nothing here\n");

        (int exit, string stdout, string stderr) = Check(list);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"typedalg: {list}: no properly formatted checksum lines found\n", stderr);
    }

    [Fact]
    public void Ignore_missing_skips_absent_files_but_needs_one_verified()
    {
        string a = _dir.File("a.txt", "alpha");
        string gone = Path.Combine(_dir.Path, "gone.txt");

        Assert.Equal(0, Check(_dir.File("l1", $"{Sha("alpha")}  {a}\n{Sha("x")}  {gone}\n"), ignoreMissing: true).Exit);
        Assert.Equal(1, Check(_dir.File("l2", $"{Sha("x")}  {gone}\n"), ignoreMissing: true).Exit);
    }

    private (int Exit, string Stdout, string Stderr) Check(string list, bool quiet = false, bool status = false, bool strict = false, bool ignoreMissing = false)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter { NewLine = "\n" };
        var context = new CliContext(new MemoryStream(), stdout, stderr, false) { WorkingDirectory = _dir.Path };
        var checker = new ChecksumChecker(context, new DotNetSha256(context), new CheckOptions(quiet, status, strict, false, ignoreMissing));
        int exit = checker.CheckList(list);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Reference SHA-256 reading files the way the tool opens them.</summary>
    private sealed class DotNetSha256(CliContext context) : IFileDigester
    {
        public int DigestSize => 32;

        public void Digest(string file, Span<byte> digest)
        {
            using Io.Input input = Io.Input.Open(file, context);
            SHA256.HashData(input.Stream, digest);
        }
    }
}
