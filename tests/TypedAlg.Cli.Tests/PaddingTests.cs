using TypedAlg.Cli.Crypto;
using Xunit;

namespace TypedAlg.Cli.Tests;

/// <summary>The CBC padding rules docs/cli.md documents: kcapi-enc's (default), PKCS#7 and none.</summary>
public sealed class PaddingTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 15)]
    [InlineData(15, 1)]
    [InlineData(16, 0)]
    [InlineData(17, 15)]
    [InlineData(4095, 1)]
    [InlineData(4096, 0)]
    public void KcapiPadsOnlyAPartialLastBlock(long length, int expected) =>
        Assert.Equal(expected, Padding.PadLength(length, 16, PaddingRule.Kcapi));

    [Theory]
    [InlineData(0, 16)]
    [InlineData(1, 15)]
    [InlineData(16, 16)]
    [InlineData(17, 15)]
    public void Pkcs7AlwaysPads(long length, int expected) =>
        Assert.Equal(expected, Padding.PadLength(length, 16, PaddingRule.Pkcs7));

    [Fact]
    public void StreamModesAndNoneNeverPad()
    {
        Assert.Equal(0, Padding.PadLength(17, 1, PaddingRule.Kcapi));
        Assert.Equal(0, Padding.PadLength(17, 1, PaddingRule.Pkcs7));
        Assert.Equal(0, Padding.PadLength(17, 16, PaddingRule.None));
    }

    [Fact]
    public void KcapiStripsConsistentPaddingBelowTheBlockSize()
    {
        byte[] block = [.. Enumerable.Repeat((byte)0xAA, 13), 3, 3, 3];
        Assert.Equal(3, Padding.UnpadLength(block, 16, PaddingRule.Kcapi));
    }

    [Fact]
    public void KcapiLeavesInconsistentOrFullBlockPadding()
    {
        byte[] inconsistent = [.. Enumerable.Repeat((byte)0xAA, 13), 2, 3, 3];
        byte[] fullBlock = [.. Enumerable.Repeat((byte)16, 16)];
        byte[] zero = [.. Enumerable.Repeat((byte)0xAA, 15), 0];

        Assert.Equal(0, Padding.UnpadLength(inconsistent, 16, PaddingRule.Kcapi));
        Assert.Equal(0, Padding.UnpadLength(fullBlock, 16, PaddingRule.Kcapi));
        Assert.Equal(0, Padding.UnpadLength(zero, 16, PaddingRule.Kcapi));
    }

    [Fact]
    public void Pkcs7StripsAFullBlockAndRejectsBadPadding()
    {
        byte[] fullBlock = [.. Enumerable.Repeat((byte)16, 16)];
        byte[] bad = [.. Enumerable.Repeat((byte)0xAA, 15), 0];

        Assert.Equal(16, Padding.UnpadLength(fullBlock, 16, PaddingRule.Pkcs7));
        var e = Assert.Throws<CliException>(() => Padding.UnpadLength(bad, 16, PaddingRule.Pkcs7));
        Assert.Contains("padding", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AlignedPlaintextThatEndsLikePaddingIsNoticed()
    {
        Assert.True(Padding.LooksPadded([.. Enumerable.Repeat((byte)0xAA, 15), 1], 16));
        Assert.False(Padding.LooksPadded([.. Enumerable.Repeat((byte)0xAA, 15), 0x20], 16));
    }

    [Fact]
    public void ShortIvsAreZeroPaddedAndLongOnesRefused()
    {
        Assert.Equal(new byte[] { 1, 2, 0, 0 }, Commands.EncCommand.FitIv([1, 2], 4, "x"));
        Assert.Equal(new byte[4], Commands.EncCommand.FitIv(null, 4, "x"));
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => Commands.EncCommand.FitIv([1, 2, 3], 2, "x")).ExitCode);
    }

    [Fact]
    public void ACcmNonceBecomesTheCounterBlock()
    {
        var iv = Commands.EncCommand.CcmIv([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

        Assert.Equal(new byte[] { 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0 }, iv);
        Assert.Throws<CliException>(() => Commands.EncCommand.CcmIv([1, 2, 3]));
    }
}
