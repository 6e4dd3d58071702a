using System.Security.Cryptography;
using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// An instance stays usable after the kernel refused one of its messages: the next valid message gives the reference
/// result (nothing of the refused one is left queued to join it).
/// </summary>
public sealed class ReuseAfterFailureTests
{
    [Fact]
    public void AeadAfterAKernelRefusalRoundTrips()
    {
        byte[] key = Reference.Bytes(16, 31), aad = Reference.Bytes(20, 32), plain = Reference.Bytes(100, 33);
        using var ccm = new AeadCore("ccm(aes)", key, 16, 16);
        var badNonce = new byte[16]; // L' = 0 is not a valid CCM counter block: EINVAL from the kernel
        var e = Assert.Throws<KernelCryptoException>(() => ccm.Encrypt(badNonce, plain, new byte[100], new byte[16], aad));
        Assert.Equal(22, e.Errno);

        var nonce = Reference.Bytes(16, 34);
        nonce[0] = 3;
        byte[] ct = new byte[100], tag = new byte[16], back = new byte[100];
        ccm.Encrypt(nonce, plain, ct, tag, aad);

        // The kernel's CCM IV is the counter block: flags byte L' = 3, so the 11-byte nonce follows it.
        byte[] refCt = new byte[100], refTag = new byte[16];
        using (var reference = new AesCcm(key))
        {
            reference.Encrypt(nonce.AsSpan(1, 11), plain, refCt, refTag, aad);
        }

        Assert.Equal(refCt, ct);
        Assert.Equal(refTag, tag);
        Assert.True(ccm.TryDecrypt(nonce, ct, tag, back, aad));
        Assert.Equal(plain, back);
    }
}
