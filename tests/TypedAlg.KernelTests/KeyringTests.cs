using System.Security.Cryptography;
using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>Keys by kernel key serial: refused with the version named before 6.2, working from 6.2 on.</summary>
public sealed class KeyringTests
{
    [Fact]
    public void HmacByKeySerialMatchesHmacByBytesOrIsRefusedBefore62()
    {
        var key = Inputs.Bytes(32, 61);
        var serial = Keyring.AddKey("logon", "typedalg:hmac-test", key);
        Assert.True(serial > 0);
        if (Kernel.HasKeySerial)
        {
            using var mac = HashCore.FromKeySerial("hmac(sha256)", 32, serial);
            var output = new byte[32];
            mac.HashData("data"u8, output);
            Assert.Equal(HMACSHA256.HashData(key, "data"u8), output);
        }
        else
        {
            var e = Assert.Throws<NotSupportedException>(() => HashCore.FromKeySerial("hmac(sha256)", 32, serial));
            Assert.Contains("6.2", e.Message);
            Assert.Contains(Kernel.Release, e.Message);
        }
    }

    [Fact]
    public void CiphersByKeySerialMatchOrAreRefusedBefore62()
    {
        var key = Inputs.Bytes(16, 62);
        var serial = Keyring.AddKey("user", "typedalg-cipher-test", key);
        if (!Kernel.HasKeySerial)
        {
            Assert.Throws<NotSupportedException>(() => SkcipherCore.FromKeySerial("cbc(aes)", serial, 16, 16));
            Assert.Throws<NotSupportedException>(() => AeadCore.FromKeySerial("gcm(aes)", serial, 12, 16));
            return;
        }

        using var cbc = SkcipherCore.FromKeySerial("cbc(aes)", serial, 16, 16);
        var plain = Inputs.Bytes(64, 63);
        var ct = new byte[64];
        cbc.Encrypt(new byte[16], plain, ct);
        Assert.Equal(Reference.CbcEncrypt(key, new byte[16], plain), ct);

        using var gcm = AeadCore.FromKeySerial("gcm(aes)", serial, 12, 16);
        var tag = new byte[16];
        gcm.Encrypt(new byte[12], plain, ct, tag);
        var expectedTag = new byte[16];
        using var reference = new AesGcm(key, 16);
        reference.Encrypt(new byte[12], plain, new byte[64], expectedTag);
        Assert.Equal(expectedTag, tag);
    }

    [Fact]
    public void RevokedAndMissingKeysAreKeyringErrors()
    {
        var serial = Keyring.AddKey("logon", "typedalg:revoked", new byte[32]);
        Keyring.Revoke(serial);
        if (Kernel.HasKeySerial)
        {
            var e = Assert.Throws<KeyringKeyException>(() => HashCore.FromKeySerial("hmac(sha256)", 32, serial));
            Assert.Equal(serial, e.KeySerial);
            Assert.Contains("revoked", e.Message);
            Assert.Throws<KeyringKeyException>(() => HashCore.FromKeySerial("hmac(sha256)", 32, 0x7ffffff0));
        }
        else
        {
            Assert.Throws<NotSupportedException>(() => HashCore.FromKeySerial("hmac(sha256)", 32, serial));
        }

        // keyctl itself reports the revoked key too.
        Assert.Throws<KeyringKeyException>(() => Keyring.SetTimeout(serial, 10));
    }

    [Fact]
    public void ExpiredKeyIsAKeyringError()
    {
        var serial = Keyring.AddKey("user", "typedalg-expiring", new byte[32]);
        Keyring.SetTimeout(serial, 1);
        Thread.Sleep(2500);
        if (Kernel.HasKeySerial)
        {
            var e = Assert.Throws<KeyringKeyException>(() => HashCore.FromKeySerial("hmac(sha256)", 32, serial));
            Assert.Contains("expired", e.Message);
        }
        else
        {
            Assert.Throws<NotSupportedException>(() => HashCore.FromKeySerial("hmac(sha256)", 32, serial));
        }
    }
}
