using TypedAlg.Runtime.Streaming;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.Runtime.Tests;

/// <summary>
/// Streaming AEAD without a kernel: the committed vector file is what the BCL reference computes from its seed, sizes
/// follow the format, and bad arguments fail before any system call.
/// </summary>
public sealed class StreamingAeadHostTests
{
    // The repository's copy (not the build output's), found from the test binary: CI builds map source paths to /_/,
    // so [CallerFilePath] does not name a real file there.
    private static string VectorPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TypedAlg.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "tests", "vectors", "streaming-aead", StreamingAeadReference.FileName);
    }

    [Fact]
    public void VectorFileIsWhatTheBclReferenceComputesFromTheSeed()
    {
        var expected = StreamingAeadReference.VectorFile();
        var path = VectorPath();
        if (Environment.GetEnvironmentVariable("TYPEDALG_ACCEPT_VECTORS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; write it with TYPEDALG_ACCEPT_VECTORS=1");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Theory]
    [InlineData(16, 64)]
    [InlineData(32, 100)]
    [InlineData(32, StreamingAead.DefaultSegmentSize)]
    public void LengthsFollowTheSegmentLayout(int keySize, int segmentSize)
    {
        var aead = new StreamingAead("gcm(aes)", keySize, segmentSize);
        var first = segmentSize - aead.HeaderSize - StreamingAead.TagSize;
        var other = segmentSize - StreamingAead.TagSize;
        Assert.Equal(aead.HeaderSize + 16, aead.GetCiphertextLength(0));
        Assert.Equal(segmentSize, aead.GetCiphertextLength(first));
        Assert.Equal(segmentSize + 1 + 16, aead.GetCiphertextLength(first + 1));
        Assert.Equal(3L * segmentSize, aead.GetCiphertextLength(first + (2L * other)));
        foreach (var length in new long[] { 0, 1, first - 1, first, first + 1, first + other, first + (2L * other) + 7, 5L << 30 })
        {
            Assert.Equal(length, aead.GetPlaintextLength(aead.GetCiphertextLength(length)));
        }

        // Sizes no stream has: shorter than header + tag, or a last segment shorter than a tag.
        Assert.Equal(-1, aead.GetPlaintextLength(aead.HeaderSize + 15));
        Assert.Equal(-1, aead.GetPlaintextLength(segmentSize + 15));
        Assert.Equal(-1, aead.GetPlaintextLength(segmentSize + 1));
    }

    [Fact]
    public void BadSizesFailBeforeAnySystemCall()
    {
        Assert.Equal("keySize", Assert.Throws<ArgumentOutOfRangeException>(() => StreamingAead.AesGcmHkdfSha256(20)).ParamName);
        Assert.Equal("keySize", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingAead("gcm(aes)", 8)).ParamName);
        var small = Assert.Throws<ArgumentOutOfRangeException>(() => StreamingAead.AesGcmHkdfSha256(32, 56));
        Assert.Equal("segmentSize", small.ParamName);
        Assert.Contains("57..1048576", small.Message, StringComparison.Ordinal);
        Assert.Equal("segmentSize", Assert.Throws<ArgumentOutOfRangeException>(() => StreamingAead.ChaCha20Poly1305HkdfSha256((1 << 20) + 1)).ParamName);

        var aead = StreamingAead.AesGcmHkdfSha256(32);
        var shortKey = Assert.Throws<ArgumentException>(() => aead.Seal(new byte[31], "x"u8));
        Assert.Equal("key", shortKey.ParamName);
        Assert.Contains("at least 32 bytes", shortKey.Message, StringComparison.Ordinal);
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => aead.CreateSealingStream(Stream.Null, new byte[16])).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => aead.CreateOpeningStream(Stream.Null, new byte[16])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => aead.SealInto(new byte[32], new byte[10], new byte[10])).ParamName);
        Assert.Throws<ArgumentNullException>(() => aead.CreateSealingStream(null!, new byte[32]));
    }
}
