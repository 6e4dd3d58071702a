using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>Sha1, Sha2, Sha3 and Md5 against NIST/FIPS/RFC known answers and .NET.</summary>
public sealed class HashTests
{
    [Fact]
    public void Sha1MatchesNistShortMessages()
        => AssertNist("SHA1ShortMsg.rsp", d => Sha1.Hash(d).ToString());

    [Fact]
    public void Sha256MatchesNistShortMessages()
        => AssertNist("SHA256ShortMsg.rsp", d => Sha256.Hash(d).ToString());

    [Fact]
    public void Sha384MatchesNistShortMessages()
        => AssertNist("SHA384ShortMsg.rsp", d => Sha384.Hash(d).ToString());

    [Fact]
    public void Sha512MatchesNistShortMessages()
        => AssertNist("SHA512ShortMsg.rsp", d => Sha512.Hash(d).ToString());

    /// <summary>
    /// Issue 14, finding 7: Hash(Stream) reads through a buffer from the shared pool; what it hashed must not stay there
    /// for the next renter (the pool hands the same array back on the same thread).
    /// </summary>
    [Fact]
    public void HashOfAStreamLeavesNoDataInTheSharedPool()
    {
        var secret = new byte[100_000];
        secret.AsSpan().Fill(0xA5);
        _ = Sha256.Hash(new MemoryStream(secret));
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var left = rented.Count(b => b == 0xA5);
            Assert.True(left < 64, $"{left} bytes of the hashed data were left in the pooled buffer");
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [Fact]
    public void Sha256MatchesNistLongMessagesIncrementallyAndFromAStream()
    {
        foreach (var v in RspFile.Read("sha/SHA256LongMsg.rsp").Spread(2))
        {
            var message = v.Hex("Msg");
            using var sha = new Sha256();
            // Uneven pieces so the kernel sees MSG_MORE updates that are not block aligned.
            for (var offset = 0; offset < message.Length; offset += 77)
                sha.Append(message.AsSpan(offset, Math.Min(77, message.Length - offset)));
            Assert.Equal(v["MD"], sha.GetHashAndReset().ToString());
            Assert.Equal(v["MD"], Sha256.Hash(new MemoryStream(message)).ToString());
        }
    }

    [Fact]
    public void Sha3MatchesFips202Examples()
    {
        Assert.Equal("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", Sha3_256.Hash([]).ToString());
        Assert.Equal("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532", Sha3_256.Hash("abc"u8).ToString());
        Assert.Equal(
            "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
            Sha3_512.Hash("abc"u8).ToString());
    }

    [Fact]
    public void Sha3MatchesDotNetWhereSupported()
    {
        var data = RandomNumberGenerator.GetBytes(1000);
        if (SHA3_256.IsSupported)
            Assert.Equal(SHA3_256.HashData(data), Sha3_256.Hash(data).AsSpan().ToArray());
        if (SHA3_512.IsSupported)
            Assert.Equal(SHA3_512.HashData(data), Sha3_512.Hash(data).AsSpan().ToArray());
        // Without OpenSSL SHA-3 the FIPS 202 examples above are the check.
        Assert.True(Sha3_256.IsSupported && Sha3_512.IsSupported);
    }

    [Fact]
    public void Md5MatchesRfc1321AndDotNet()
    {
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", Md5.Hash([]).ToString());
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", Md5.Hash("abc"u8).ToString());
        var data = Encoding.ASCII.GetBytes("12345678901234567890123456789012345678901234567890123456789012345678901234567890");
        Assert.Equal("57edf4a22be3c955ac49da2e2107b67a", Md5.Hash(data).ToString());
    }

    [Fact]
    public void CloneContinuesFromTheRunningStateIndependently()
    {
        using var sha = new Sha512();
        sha.Append("ab"u8);
        using var clone = sha.Clone();
        sha.Append("c"u8);
        clone.Append("d"u8);
        Assert.Equal(Sha512.Hash("abc"u8), sha.GetHashAndReset());
        Assert.Equal(Sha512.Hash("abd"u8), clone.GetHashAndReset());
        // Reset really resets: the next digest is of the new data only.
        sha.Append("abc"u8);
        Assert.True(sha.GetHashAndReset() == Sha512.Hash("abc"u8));
    }

    [Fact]
    public void DigestsCompareByValueAndPrintAsHex()
    {
        var a = Sha256.Hash("abc"u8);
        var b = Sha256.Digest.FromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Sha256.Hash("abd"u8));
        Assert.Equal(Sha256.DigestSize, a.AsSpan().Length);
    }

    private static void AssertNist(string file, Func<byte[], string> hash)
    {
        var vectors = RspFile.Read("sha/" + file).Spread(12);
        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            var length = int.Parse(v["Len"]) / 8;
            var message = v.Hex("Msg")[..length];
            Assert.Equal(v["MD"], hash(message));
        }
    }
}
