using System.Security.Cryptography;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>FromKeyring: the same results as the in-process key on 6.2+, a clear NotSupportedException before.</summary>
public sealed class KeyringTests
{
    private static bool KernelHasKeySerial => Environment.OSVersion.Version >= new Version(6, 2);

    [Fact]
    public void HmacAndCbcFromKeyringMatchTheInProcessKey()
    {
        var keyBytes = RandomNumberGenerator.GetBytes(32);
        var serial = Keyring.AddKey("logon", "typedalg:generated-test-" + Guid.NewGuid().ToString("N"), keyBytes);
        try
        {
            if (!KernelHasKeySerial)
            {
                Assert.Throws<NotSupportedException>(() => HmacSha256.FromKeyring(serial));
                Assert.Throws<NotSupportedException>(() => CbcAes.FromKeyring(serial));
                return;
            }

            using (var hmac = HmacSha256.FromKeyring(serial))
                Assert.Equal(HmacSha256.Compute(keyBytes, "data"u8), hmac.Compute("data"u8));

            var iv = CbcAes.Iv.Random();
            var plaintext = RandomNumberGenerator.GetBytes(64);
            using var fromKeyring = CbcAes.FromKeyring(serial);
            using var direct = new CbcAes(CbcAes.Key256.Create(keyBytes));
            Assert.Equal(direct.Encrypt(iv, plaintext), fromKeyring.Encrypt(iv, plaintext));

            using var gcmFromKeyring = GcmAes.FromKeyring(serial);
            using var gcmDirect = new GcmAes(GcmAes.Key256.Create(keyBytes));
            Assert.Equal(plaintext, gcmDirect.Open(gcmFromKeyring.Seal(plaintext)));
        }
        finally
        {
            Keyring.Invalidate(serial);
        }
    }
}
