using Xunit;

namespace TypedAlg.Cli.Tests;

/// <summary>Every failure is one "typedalg: ..." line on stderr, nothing on stdout, and a non-zero exit code.</summary>
public sealed class ErrorReportingTests
{
    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command or option 'frobnicate'")]
    [InlineData(new[] { "dgst" }, "--cipher")]
    [InlineData(new[] { "dgst", "-c", "sha256", "--no-such-option" }, "'--no-such-option'")]
    [InlineData(new[] { "rng", "-b", "many" }, "many")]
    [InlineData(new[] { "rng", "-b", "0" }, "--bytes: expected a positive number")]
    [InlineData(new[] { "enc", "-c", "cbc(aes)", "--keyfd", "3", "--iv", "xyz1" }, "--iv: 'xyz1' is not hexadecimal")]
    [InlineData(new[] { "enc", "-c", "cbc(aes)", "--keyfd", "3", "--iv", "abc" }, "odd number of digits")]
    [InlineData(new[] { "enc", "-c", "cbc(aes)", "--keyfd", "3", "-e", "-d" }, "choose one of -e (encrypt) and -d (decrypt)")]
    [InlineData(new[] { "enc", "-c", "ccm(aes)", "--keyfd", "3", "--iv", "00", "--ccm-nonce", "0001020304050607" }, "either --iv or --ccm-nonce")]
    [InlineData(new[] { "enc", "-c", "cbc(aes)", "--iv", "00" }, "--keyfd")]
    [InlineData(new[] { "enc", "-c", "cbc(aes)", "--keyfd", "3", "--padding", "zeros" }, "zeros")]
    [InlineData(new[] { "manifest", "import" }, "NAME")]
    public void UsageErrorsExit2WithOneLine(string[] args, string expected)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        AssertOneLine(result, expected);
    }

    [Fact]
    public void AKernelFailureExits1WithOneLineAndNoStackTrace()
    {
        // On a host without AF_ALG the runtime says so; with AF_ALG the name is unknown. Either way: one line.
        var result = CliRunner.Run("dgst", "-c", "no-such-hash-xyz", "--hex");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        AssertOneLine(result, "typedalg: ");
        Assert.Matches("AF_ALG|no-such-hash-xyz", result.Stderr);
    }

    [Fact]
    public void AMissingInputFileIsNamed()
    {
        using var dir = new TempDir();
        var result = CliRunner.Run(dir.Path, [], "sum", "-a", "sha256", Path.Combine(dir.Path, "absent.bin"));

        Assert.NotEqual(ExitCodes.Success, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.StderrLines);
    }

    [Fact]
    public void HelpGoesToStdoutAndSucceeds()
    {
        var result = CliRunner.Run("enc", "--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("--keyfd", result.Text, StringComparison.Ordinal);
        Assert.Contains("--taglen", result.Text, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void ExceptionsOfEveryKindBecomeOneLine()
    {
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = ErrorReporter.Report(new ArgumentException("The key is\nwrong.", "key"), stderr);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Equal("typedalg: The key is wrong.\n", stderr.ToString());
    }

    [Fact]
    public void ATagMismatchIsReportedAsAuthenticationFailure()
    {
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = ErrorReporter.Report(new System.Security.Cryptography.AuthenticationTagMismatchException(), stderr);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.StartsWith("typedalg: authentication failed", stderr.ToString(), StringComparison.Ordinal);
    }

    private static void AssertOneLine(CliResult result, string expected)
    {
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("typedalg: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }
}
