using TypedAlg.Runtime.Streaming;
using Xunit;
using static TypedAlg.Cli.KernelTests.Tools;

namespace TypedAlg.Cli.KernelTests;

/// <summary>typedalg enc --stream: files and pipes through the streaming AEAD, the library's format, and tampering.</summary>
public sealed class EncStreamTests
{
    private static readonly byte[] s_keyBytes = [.. Enumerable.Range(0x60, 32).Select(i => (byte)i)];
    private static readonly string s_key = File("stream256.key", s_keyBytes);

    [Theory]
    [InlineData("gcm(aes)", 0)]
    [InlineData("gcm(aes)", 65536 - 40 - 16)]
    [InlineData("gcm(aes)", (1 << 20) + 1)]
    [InlineData("rfc7539(chacha20,poly1305)", 300_001)]
    public void FilesRoundTripAndOpenWithTheLibrary(string cipher, int size)
    {
        var data = Data(size);
        var input = File($"stream-{size}.bin", data);
        var sealedPath = Path.Combine(Dir, $"stream-{size}.enc");
        Assert.Equal(0, Ours(["enc", "--stream", "-c", cipher, "--keyfd", "KEYFD", "--aad", "0a0b", "-i", input, "-o", sealedPath], keyFile: s_key).ExitCode);
        var sealedBytes = System.IO.File.ReadAllBytes(sealedPath);
        var aead = cipher == "gcm(aes)" ? StreamingAead.AesGcmHkdfSha256() : StreamingAead.ChaCha20Poly1305HkdfSha256();
        Assert.Equal(aead.GetCiphertextLength(size), sealedBytes.Length);
        Assert.Equal(data, aead.Open(s_keyBytes, sealedBytes, [0x0a, 0x0b]));

        var plainPath = Path.Combine(Dir, $"stream-{size}.out");
        Assert.Equal(0, Ours(["enc", "-d", "--stream", "-c", cipher, "--keyfd", "KEYFD", "--aad", "0a0b", "-i", sealedPath, "-o", plainPath], keyFile: s_key).ExitCode);
        Assert.Equal(data, System.IO.File.ReadAllBytes(plainPath));

        // Pipes (stdin to stdout) both ways, with a small segment size.
        var piped = Ours(["enc", "--stream", "--segment-size", "4096", "-c", cipher, "--keyfd", "KEYFD"], data, s_key);
        Assert.Equal(0, piped.ExitCode);
        var back = Ours(["enc", "-d", "--stream", "--segment-size", "4096", "-c", cipher, "--keyfd", "KEYFD"], piped.Stdout, s_key);
        Assert.Equal(0, back.ExitCode);
        Assert.Equal(data, back.Stdout);
    }

    [Fact]
    public void ATruncatedStreamFailsAndLeavesNoOutputFile()
    {
        var data = Data(200_000);
        var sealedBytes = Ours(["enc", "--stream", "-c", "gcm(aes)", "--keyfd", "KEYFD"], data, s_key).Stdout;
        var truncated = File("truncated.enc", sealedBytes[..(65536 * 2)]); // two whole segments: the last flag is missing
        var plainPath = Path.Combine(Dir, "truncated.out");
        var run = Ours(["enc", "-d", "--stream", "-c", "gcm(aes)", "--keyfd", "KEYFD", "-i", truncated, "-o", plainPath], keyFile: s_key);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("authentication failed", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("truncated", run.Stderr, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(plainPath));
        Assert.Empty(Directory.GetFiles(Dir, "*.partial"));

        var otherAad = Ours(["enc", "-d", "--stream", "-c", "gcm(aes)", "--keyfd", "KEYFD", "--aad", "00"], sealedBytes, s_key);
        Assert.Equal(1, otherAad.ExitCode);
        Assert.Contains("Discard the plaintext", otherAad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsThatDoNotApplyAreRefused()
    {
        var run = Ours(["enc", "--stream", "-c", "gcm(aes)", "--keyfd", "KEYFD", "--iv", "00"], [], s_key);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--stream makes its own nonces", run.Stderr, StringComparison.Ordinal);
        run = Ours(["enc", "--stream", "-c", "cbc(aes)", "--keyfd", "KEYFD"], [], s_key);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--stream works with gcm(aes)", run.Stderr, StringComparison.Ordinal);
    }
}
