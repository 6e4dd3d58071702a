using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>
/// CBC, CTR and XTS through the kernel equal the reference for the whole message at every size, including the
/// chunk boundaries (64 KiB +/- one block) where libkcapi re-sent the IV, in place, unaligned, and by either path.
/// </summary>
public sealed class SkcipherDifferentialTests
{
    private static readonly byte[] Key = Inputs.Bytes(32, 1);
    private static readonly byte[] Iv = Inputs.Bytes(16, 2);

    public static TheoryData<int> CbcSizes => [0, 16, 4096, 8192, 65536 - 16, 65536, 65536 + 16, 131072 + 48, (1 << 20) + 16, 2 << 20];

    public static TheoryData<int> CtrSizes => [0, 1, 15, 16, 17, 4095, 4096, 65535, 65536, 65537, 65536 - 16, 65536 + 16, (1 << 20) + 1, 2 << 20];

    [Theory]
    [MemberData(nameof(CbcSizes))]
    public void CbcEqualsReferenceAtEverySize(int size)
    {
        var plain = Inputs.Bytes(size, size);
        var expected = Reference.CbcEncrypt(Key, Iv, plain);
        using var cbc = new SkcipherCore("cbc(aes)", Key, 16, 16);
        var ct = new byte[size];
        cbc.Encrypt(Iv, plain, ct);
        Assert.True(expected.AsSpan().SequenceEqual(ct), $"encrypt differs at size {size}");
        var back = new byte[size];
        cbc.Decrypt(Iv, ct, back);
        Assert.True(plain.AsSpan().SequenceEqual(back), $"decrypt differs at size {size}");
    }

    [Theory]
    [MemberData(nameof(CtrSizes))]
    public void CtrEqualsReferenceAtEverySize(int size)
    {
        var plain = Inputs.Bytes(size, size + 7);
        var expected = Reference.Ctr(Key, Iv, plain);
        using var ctr = new SkcipherCore("ctr(aes)", Key, 16, 1);
        var ct = new byte[size];
        ctr.Encrypt(Iv, plain, ct);
        Assert.True(expected.AsSpan().SequenceEqual(ct), $"differs at size {size}");
    }

    [Fact]
    public void CtrCounterCarriesAcrossTheLowWordAndChunks()
    {
        // Counter 0x...ffff_fff0: the increment carries through bytes while a chunk boundary passes.
        byte[] iv = [.. Inputs.Bytes(8, 3), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf0, 0x00];
        var plain = Inputs.Bytes((3 << 16) + 5, 4);
        using var ctr = new SkcipherCore("ctr(aes)", Key, 16, 1);
        var ct = new byte[plain.Length];
        ctr.Encrypt(iv, plain, ct);
        Assert.True(Reference.Ctr(Key, iv, plain).AsSpan().SequenceEqual(ct));
    }

    [Theory]
    [InlineData(65536 + 32)]
    [InlineData(300_000 - 300_000 % 16)]
    public void InPlaceEqualsOutOfPlace(int size)
    {
        var plain = Inputs.Bytes(size, 5);
        using var cbc = new SkcipherCore("cbc(aes)", Key, 16, 16);
        var buffer = (byte[])plain.Clone();
        cbc.Encrypt(Iv, buffer, buffer);
        Assert.True(Reference.CbcEncrypt(Key, Iv, plain).AsSpan().SequenceEqual(buffer));
        cbc.Decrypt(Iv, buffer, buffer);
        Assert.True(plain.AsSpan().SequenceEqual(buffer));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 1)]
    [InlineData(7, 5)]
    public void UnalignedSpansGiveTheSameResult(int sourceOffset, int destinationOffset)
    {
        var size = 65536 + 48;
        var plain = Inputs.Bytes(size, 6);
        var source = new byte[size + sourceOffset];
        plain.CopyTo(source, sourceOffset);
        var destination = new byte[size + destinationOffset];
        using var ctr = new SkcipherCore("ctr(aes)", Key, 16, 1);
        ctr.ZeroCopy = ZeroCopyMode.Always;
        ctr.Encrypt(Iv, source.AsSpan(sourceOffset), destination.AsSpan(destinationOffset));
        Assert.True(Reference.Ctr(Key, Iv, plain).AsSpan().SequenceEqual(destination.AsSpan(destinationOffset)));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(4096)]
    [InlineData(65536 + 16)]
    [InlineData((1 << 20) + 16)]
    public void ZeroCopyAndSendmsgGiveIdenticalResults(int size)
    {
        var plain = Inputs.Bytes(size, 8);
        using var spliced = new SkcipherCore("cbc(aes)", Key, 16, 16) { ZeroCopy = ZeroCopyMode.Always };
        using var copied = new SkcipherCore("cbc(aes)", Key, 16, 16) { ZeroCopy = ZeroCopyMode.Never };
        var a = new byte[size];
        var b = new byte[size];
        spliced.Encrypt(Iv, plain, a);
        copied.Encrypt(Iv, plain, b);
        Assert.Equal(size, spliced.Socket.SplicedBytes);
        Assert.Equal(0, copied.Socket.SplicedBytes);
        Assert.True(a.AsSpan().SequenceEqual(b));
        Assert.True(Reference.CbcEncrypt(Key, Iv, plain).AsSpan().SequenceEqual(a));
        spliced.Decrypt(Iv, a, a);
        Assert.True(plain.AsSpan().SequenceEqual(a));
    }

    [Fact]
    public void AutoModeSplicesAtTheThresholdOnly()
    {
        using var cbc = new SkcipherCore("cbc(aes)", Key, 16, 16) { ZeroCopy = ZeroCopyMode.Auto };
        var threshold = TypedAlgOptions.ZeroCopyThreshold;
        var small = new byte[threshold - 16];
        cbc.Encrypt(Iv, small, small);
        Assert.Equal(0, cbc.Socket.SplicedBytes);
        var large = new byte[threshold];
        cbc.Encrypt(Iv, large, large);
        Assert.Equal(large.Length, cbc.Socket.SplicedBytes);
    }

    /// <summary>
    /// Issue 20: the zero-copy choice comes from measurements on 6.12 and 7.3 (bench/README.md): ciphers splice from
    /// 16 KiB on both, hashes never in Auto (algif_hash maps the caller's pages for send() too).
    /// </summary>
    [Fact]
    public void AutoSplicesCiphersFrom16KiBAndHashesNever()
    {
        Assert.Equal(16 * 1024, TypedAlgOptions.DefaultZeroCopyThreshold);
        using var cbc = new SkcipherCore("cbc(aes)", Key, 16, 16) { ZeroCopy = ZeroCopyMode.Auto };
        var below = new byte[(16 * 1024) - 16];
        cbc.Encrypt(Iv, below, below);
        Assert.Equal(0, cbc.Socket.SplicedBytes);

        using var hash = new HashCore("sha256", 32) { ZeroCopy = ZeroCopyMode.Auto };
        hash.HashData(new byte[1 << 20], new byte[32]);
        Assert.Equal(0, hash.Socket.SplicedBytes);
    }

    [Fact]
    public void ConsecutiveMessagesEachStartFromTheirOwnIv()
    {
        using var cbc = new SkcipherCore("cbc(aes)", Key, 16, 16);
        var plain = Inputs.Bytes(4096, 9);
        var first = new byte[4096];
        var second = new byte[4096];
        cbc.Encrypt(Iv, plain, first);
        cbc.Encrypt(Iv, plain, second);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(4096)]
    [InlineData(65536 + 5)]
    [InlineData(200_000)]
    public void XtsEqualsReferenceAsOneRequest(int size)
    {
        var key = Inputs.Bytes(64, 10);
        var plain = Inputs.Bytes(size, 11);
        using var xts = new SkcipherCore("xts(aes)", key, 16, 16);
        var ct = new byte[size];
        xts.Encrypt(Iv, plain, ct);
        Assert.True(Reference.XtsEncrypt(key, Iv, plain).AsSpan().SequenceEqual(ct), $"differs at size {size}");
        xts.Decrypt(Iv, ct, ct);
        Assert.True(plain.AsSpan().SequenceEqual(ct));
    }

    [Fact]
    public void XtsAtTheMaximumWorksAndAboveItIsAnArgumentException()
    {
        var key = Inputs.Bytes(64, 12);
        using var xts = new SkcipherCore("xts(aes)", key, 16, 16);
        var max = xts.MaxSingleRequestLength;
        Assert.True(max >= 200_000, $"max {max}");
        var plain = Inputs.Bytes(max - max % 16, 13);
        var ct = new byte[plain.Length];
        xts.Encrypt(Iv, plain, ct);
        Assert.True(Reference.XtsEncrypt(key, Iv, plain).AsSpan().SequenceEqual(ct));
        var tooLarge = new byte[max + 16];
        var e = Assert.Throws<ArgumentException>(() => xts.Encrypt(Iv, tooLarge, tooLarge));
        Assert.Equal("source", e.ParamName);
        Assert.Contains(max.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void XtsCannotBeStreamed()
    {
        using var xts = new SkcipherCore("xts(aes)", Inputs.Bytes(64, 14), 16, 16);
        Assert.Throws<NotSupportedException>(() => xts.CreateEncryptor(Iv));
    }

    [Theory]
    [InlineData("cbc(aes)", 16)]
    [InlineData("ctr(aes)", 1)]
    public void StreamInRandomPiecesEqualsOneShot(string algorithm, int blockSize)
    {
        var random = new Random(15);
        var size = (2 << 20) + (blockSize == 1 ? 7 : 0);
        var plain = Inputs.Bytes(size, 16);
        using var core = new SkcipherCore(algorithm, Key, 16, blockSize);
        var expected = new byte[size];
        core.Encrypt(Iv, plain, expected);

        using var stream = core.CreateEncryptor(Iv);
        var output = new byte[size];
        var read = 0;
        var written = 0;
        while (read < size)
        {
            var piece = Math.Min(size - read, random.Next(4) switch { 0 => random.Next(1, 17), 1 => random.Next(1, 5000), 2 => 65536 + 1, _ => random.Next(1, 300_000) });
            if (read + piece == size && blockSize > 1 && (stream.PendingBytes + piece) % blockSize != 0)
            {
                break;
            }

            written += stream.Update(plain.AsSpan(read, piece), output.AsSpan(written));
            read += piece;
        }

        written += stream.Finish(plain.AsSpan(read), output.AsSpan(written));
        Assert.Equal(size, written);
        Assert.True(expected.AsSpan().SequenceEqual(output));
    }

    [Fact]
    public void StreamInPlaceWithHeldBackBytes()
    {
        var plain = Inputs.Bytes(200_003, 17);
        using var ctr = new SkcipherCore("ctr(aes)", Key, 16, 1);
        using var stream = ctr.CreateEncryptor(Iv);
        var buffer = (byte[])plain.Clone();

        // 5 bytes are held back first, so every later piece's output lags its input by 5 bytes.
        var written = stream.Update(buffer.AsSpan(0, 5), buffer.AsSpan(0, 5));
        Assert.Equal(0, written);
        Assert.Equal(5, stream.PendingBytes);
        written += stream.Update(buffer.AsSpan(5, 150_000), buffer.AsSpan(0, 150_005));
        written += stream.Finish(buffer.AsSpan(150_005), buffer.AsSpan(written));
        Assert.Equal(plain.Length, written);
        Assert.True(Reference.Ctr(Key, Iv, plain).AsSpan().SequenceEqual(buffer));
    }

    [Fact]
    public void StreamDecryptRoundTrips()
    {
        var plain = Inputs.Bytes(100_000, 18);
        var ct = Reference.CbcEncrypt(Key, Iv, plain);
        using var cbc = new SkcipherCore("cbc(aes)", Key, 16, 16);
        using var stream = cbc.CreateDecryptor(Iv);
        var output = new byte[plain.Length];
        var written = stream.Update(ct.AsSpan(0, 33), output);
        Assert.Equal(32, written);
        written += stream.Finish(ct.AsSpan(33), output.AsSpan(written));
        Assert.True(plain.AsSpan().SequenceEqual(output));
        Assert.Throws<InvalidOperationException>(() => stream.Update(ct.AsSpan(0, 16), output));
    }
}
