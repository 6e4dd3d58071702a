using Xunit;
using static TypedAlg.Cli.KernelTests.Tools;

namespace TypedAlg.Cli.KernelTests;

/// <summary>typedalg dgst against kcapi-dgst (byte for byte, --hex and binary) and openssl dgst.</summary>
public sealed class DgstCompatTests
{
    private static readonly string s_key = File("hmac.key", [.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    public static TheoryData<int> AllSizes => [.. Sizes];

    [Theory]
    [MemberData(nameof(AllSizes))]
    public void Sha256HexEqualsKcapiDgstAndOpenssl(int size)
    {
        var input = File($"dgst-{size}.bin", Data(size));

        var ours = Ours(["dgst", "-c", "sha256", "--hex", "-i", input]);
        var kcapi = Peer("kcapi-dgst", $"-c sha256 --hex -i {Q(input)}");
        var openssl = Peer("openssl", $"dgst -sha256 -r {Q(input)}");

        Assert.Equal((0, ""), (ours.ExitCode, ours.Stderr));
        Assert.Equal(kcapi.Text, ours.Text);
        Assert.Equal(openssl.Text.Split(' ')[0], ours.Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(100001)]
    public void HmacWithKeyfdEqualsKcapiDgstAndOpensslInBinaryAndFromStdin(int size)
    {
        var data = Data(size);

        var ours = Ours(["dgst", "-c", "hmac(sha256)", "--keyfd", "KEYFD"], data, s_key);
        var kcapi = Peer("kcapi-dgst", $"-c 'hmac(sha256)' --keyfd 3 3<{Q(s_key)}", data);
        var openssl = Peer("openssl", $"dgst -sha256 -mac HMAC -macopt hexkey:{Convert.ToHexStringLower(System.IO.File.ReadAllBytes(s_key))} -binary", data);

        Assert.Equal((0, ""), (ours.ExitCode, ours.Stderr));
        Assert.Equal(32, ours.Stdout.Length);
        Assert.Equal(kcapi.Stdout, ours.Stdout);
        Assert.Equal(openssl.Stdout, ours.Stdout);
    }

    [Fact]
    public void OutputFileHoldsWhatKcapiDgstWrites()
    {
        var input = File("dgst-of.bin", Data(4095));
        var oursOut = Path.Combine(Dir, "dgst-ours.hex");
        var kcapiOut = Path.Combine(Dir, "dgst-kcapi.hex");

        Assert.Equal(0, Ours(["dgst", "-c", "sha512", "--hex", "-i", input, "-o", oursOut]).ExitCode);
        Assert.Equal(0, Peer("kcapi-dgst", $"-c sha512 --hex -i {Q(input)} -o {Q(kcapiOut)}").ExitCode);

        Assert.Equal(System.IO.File.ReadAllBytes(kcapiOut), System.IO.File.ReadAllBytes(oursOut));
    }

    [Fact]
    public void AnUnknownHashIsOneLineWithSuggestions()
    {
        var ours = Ours(["dgst", "-c", "sha265", "--hex"], [1]);

        Assert.Equal(1, ours.ExitCode);
        Assert.Single(ours.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("sha265", ours.Stderr, StringComparison.Ordinal);
        Assert.Empty(ours.Stdout);
    }
}
