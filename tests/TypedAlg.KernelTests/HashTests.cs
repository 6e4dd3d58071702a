using System.Security.Cryptography;
using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>Incremental vs one-shot, clone, empty message, HMAC against System.Security.Cryptography, both send paths.</summary>
public sealed class HashTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(65536)]
    [InlineData((1 << 20) + 1)]
    public void OneShotEqualsSha256(int size)
    {
        var data = Inputs.Bytes(size, 41);
        using var hash = new HashCore("sha256", 32) { ZeroCopy = ZeroCopyMode.Never };
        var digest = new byte[32];
        hash.HashData(data, digest);
        Assert.Equal(SHA256.HashData(data), digest);
        Assert.Equal(0, hash.Socket.SplicedBytes);
        hash.ZeroCopy = ZeroCopyMode.Always;
        hash.HashData(data, digest);
        Assert.Equal(SHA256.HashData(data), digest);
        Assert.Equal(size, hash.Socket.SplicedBytes);
    }

    [Fact]
    public void IncrementalEqualsOneShotAndResets()
    {
        var data = Inputs.Bytes(300_001, 42);
        using var hash = new HashCore("sha512", 64);
        var random = new Random(43);
        for (var round = 0; round < 2; round++)
        {
            var at = 0;
            while (at < data.Length)
            {
                var piece = Math.Min(data.Length - at, random.Next(0, 100_000));
                hash.Append(data.AsSpan(at, piece));
                at += piece;
            }

            var digest = new byte[64];
            hash.GetHashAndReset(digest);
            Assert.Equal(SHA512.HashData(data), digest);
        }

        var empty = new byte[64];
        hash.GetHashAndReset(empty);
        Assert.Equal(SHA512.HashData([]), empty);
    }

    [Fact]
    public void CloneContinuesFromTheRunningState()
    {
        using var hash = new HashCore("sha256", 32);
        hash.Append("abc"u8);
        using var clone = hash.Clone();
        hash.Append("def"u8);
        clone.Append("xyz"u8);
        var a = new byte[32];
        var b = new byte[32];
        hash.GetHashAndReset(a);
        clone.GetHashAndReset(b);
        Assert.Equal(SHA256.HashData("abcdef"u8), a);
        Assert.Equal(SHA256.HashData("abcxyz"u8), b);
    }

    [Fact]
    public void HmacCloneKeepsTheKey()
    {
        var key = Inputs.Bytes(40, 44);
        using var mac = new HashCore("hmac(sha256)", 32, key);
        mac.Append("part one "u8);
        using var clone = mac.Clone();
        clone.Append("part two"u8);
        var output = new byte[32];
        clone.GetHashAndReset(output);
        Assert.Equal(HMACSHA256.HashData(key, "part one part two"u8), output);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(200)]
    public void HmacEqualsHmacSha256ForAnyKeyLength(int keyLength)
    {
        var key = Inputs.Bytes(keyLength, 45);
        var data = Inputs.Bytes(5000, 46);
        var output = new byte[32];
        HashCore.MacData("hmac(sha256)", 32, key, data, output);
        Assert.Equal(HMACSHA256.HashData(key, data), output);
    }

    [Fact]
    public void StaticHashDataIsThreadSafe()
    {
        var inputs = Enumerable.Range(0, 8).Select(i => Inputs.Bytes(1000 + i, i)).ToArray();
        Parallel.For(0, 8, i =>
        {
            var digest = new byte[32];
            for (var n = 0; n < 20; n++)
            {
                HashCore.HashData("sha256", 32, inputs[i], digest);
                Assert.Equal(SHA256.HashData(inputs[i]), digest);
            }
        });
    }

    [Fact]
    public void OneShotDuringAnIncrementalHashIsRefused()
    {
        using var hash = new HashCore("sha256", 32);
        hash.Append("x"u8);
        Assert.Throws<InvalidOperationException>(() => hash.HashData("y"u8, new byte[32]));
    }

    /// <summary>
    /// The first digest of an instance checks the kernel's digest size (it asks for one byte more); later ones go straight
    /// into the caller's bytes. Every one is right, and none writes past DigestSize bytes.
    /// </summary>
    [Fact]
    public void EveryDigestIsRightAndWritesOnlyDigestSizeBytes()
    {
        using var hash = new HashCore("sha256", 32);
        for (var i = 0; i < 3; i++)
        {
            var data = Inputs.Bytes(100 + i, i);
            var larger = Enumerable.Repeat((byte)0xA5, 40).ToArray();
            hash.HashData(data, larger);
            Assert.Equal(SHA256.HashData(data), larger[..32]);
            Assert.All(larger[32..], b => Assert.Equal(0xA5, b));

            var exact = new byte[32];
            hash.HashData(data, exact);
            Assert.Equal(SHA256.HashData(data), exact);
        }
    }

    [Fact]
    public void ShorterDeclaredDigestSizeIsReported()
    {
        using var hash = new HashCore("sha256", 16);
        var e = Assert.Throws<ArgumentException>(() => hash.HashData("abc"u8, new byte[16]));
        Assert.Contains("32", e.Message);
    }

    [Fact]
    public void WrongDigestSizeIsReported()
    {
        using var hash = new HashCore("sha256", 48);
        var e = Assert.Throws<ArgumentException>(() => hash.HashData("abc"u8, new byte[48]));
        Assert.Contains("32", e.Message);
    }
}
