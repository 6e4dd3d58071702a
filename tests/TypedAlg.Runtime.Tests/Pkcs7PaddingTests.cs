using System.Security.Cryptography;
using TypedAlg.Runtime.DotNet;
using Xunit;

namespace TypedAlg.Runtime.Tests;

/// <summary>The PKCS#7 check on the host (no kernel): every valid last block is accepted, every malformed one refused alike.</summary>
public sealed class Pkcs7PaddingTests
{
    [Fact]
    public void EveryPadLengthIsRemovedAndEveryMalformedBlockIsRefusedWithOneMessage()
    {
        var messages = new HashSet<string>();
        for (var last = 0; last < 256; last++)
        {
            for (var wrong = -1; wrong < 15; wrong++)
            {
                var block = RandomNumberGenerator.GetBytes(32);
                var valid = last is >= 1 and <= 16;
                if (valid)
                    block.AsSpan(32 - last).Fill((byte)last);
                else
                    block[31] = (byte)last;

                // wrong >= 0 corrupts one byte of the padding other than the last (valid pads of length > 1 only).
                if (wrong >= 0)
                {
                    if (!valid || wrong < 16 - last)
                        continue;
                    block[16 + wrong] ^= 0x5A;
                    valid = false;
                }

                if (valid)
                {
                    Assert.Equal(32 - last, Pkcs7Padding.Unpad(block, 16));
                }
                else
                {
                    messages.Add(Assert.Throws<CryptographicException>(() => Pkcs7Padding.Unpad(block, 16)).Message);
                    Assert.All(block, b => Assert.Equal(0, b));
                }
            }
        }

        Assert.Single(messages);
    }

    [Fact]
    public void PaddedLengthIsTheNextMultipleAboveAndChecksItsArguments()
    {
        Assert.Equal(16, Pkcs7Padding.GetPaddedLength(0, 16));
        Assert.Equal(16, Pkcs7Padding.GetPaddedLength(15, 16));
        Assert.Equal(32, Pkcs7Padding.GetPaddedLength(16, 16));
        Assert.Equal("plaintextLength", Assert.Throws<ArgumentOutOfRangeException>(() => Pkcs7Padding.GetPaddedLength(-1, 16)).ParamName);
        Assert.Equal("plaintextLength", Assert.Throws<ArgumentOutOfRangeException>(() => Pkcs7Padding.GetPaddedLength(int.MaxValue - 3, 16)).ParamName);
        Assert.Equal("blockSize", Assert.Throws<ArgumentOutOfRangeException>(() => Pkcs7Padding.GetPaddedLength(1, 1)).ParamName);
    }
}
