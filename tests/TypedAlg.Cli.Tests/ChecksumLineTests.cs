using TypedAlg.Cli.Checksums;
using Xunit;

namespace TypedAlg.Cli.Tests;

/// <summary>Reading and writing coreutils sha*sum lines.</summary>
public sealed class ChecksumLineTests
{
    private const string Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Theory]
    [InlineData(Abc + "  file.txt", "file.txt", false)]
    [InlineData(Abc + " *file.bin", "file.bin", true)]
    [InlineData(Abc + "  name with  spaces ", "name with  spaces ", false)]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD  -", "-", false)]
    [InlineData("\\" + Abc + "  a\\nb\\\\c", "a\nb\\c", false)]
    [InlineData("SHA256 (file.txt) = " + Abc, "file.txt", false)]
    public void ParsesCoreutilsLines(string line, string file, bool binary)
    {
        Assert.True(ChecksumLine.TryParse(line, 32, out var parsed));
        Assert.Equal(Abc, parsed!.Hex);
        Assert.Equal(file, parsed.FileName);
        Assert.Equal(binary, parsed.Binary);
    }

    [Theory]
    [InlineData(Abc + " file.txt")]
    [InlineData(Abc + "  ")]
    [InlineData("ba7816bf  file.txt")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  f")]
    [InlineData("\\" + Abc + "  a\\qb")]
    [InlineData("just some text")]
    public void RejectsMalformedLines(string line) => Assert.False(ChecksumLine.TryParse(line, 32, out _));

    [Fact]
    public void FormatsLikeSha256sumAndEscapesOddNames()
    {
        var digest = Convert.FromHexString(Abc);

        Assert.Equal(Abc + "  f.txt", ChecksumLine.Format(digest, "f.txt", binary: false));
        Assert.Equal(Abc + " *f.txt", ChecksumLine.Format(digest, "f.txt", binary: true));
        Assert.Equal("\\" + Abc + "  a\\nb", ChecksumLine.Format(digest, "a\nb", binary: false));
        Assert.True(ChecksumLine.TryParse(ChecksumLine.Format(digest, "x\\y\nz", false), 32, out var back));
        Assert.Equal("x\\y\nz", back!.FileName);
    }
}
