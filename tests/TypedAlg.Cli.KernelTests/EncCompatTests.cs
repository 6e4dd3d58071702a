using Xunit;
using static TypedAlg.Cli.KernelTests.Tools;

namespace TypedAlg.Cli.KernelTests;

/// <summary>typedalg enc against kcapi-enc (byte for byte) and openssl enc, for CBC, CTR and GCM.</summary>
public sealed class EncCompatTests
{
    private const string Iv = "000102030405060708090a0b0c0d0e0f";
    private const string Nonce = "cafebabefacedbaddecaf888";
    private static readonly byte[] s_keyBytes = [.. Enumerable.Range(0x40, 16).Select(i => (byte)i)];
    private static readonly string s_key = File("aes128.key", s_keyBytes);
    private static readonly string s_hexKey = Convert.ToHexStringLower(s_keyBytes);

    public static TheoryData<int> AllSizes => [.. Sizes];

    public static TheoryData<int> AeadSizes => [1, 15, 16, 17, 4095, 4096, 65536];

    [Theory]
    [MemberData(nameof(AllSizes))]
    public void CbcEncryptAndDecryptEqualKcapiEncAndOpenssl(int size)
    {
        var data = Data(size);
        var input = File($"cbc-{size}.bin", data);

        var ours = Ours(["enc", "-c", "cbc(aes)", "--keyfd", "KEYFD", "--iv", Iv, "-i", input], keyFile: s_key);

        // kcapi-enc cannot map an empty file; from stdin it encrypts nothing, as we do.
        var kcapi = size == 0
            ? Peer("kcapi-enc", $"-c 'cbc(aes)' --keyfd 3 --iv {Iv} 3<{Q(s_key)}", [])
            : Peer("kcapi-enc", $"-c 'cbc(aes)' --keyfd 3 --iv {Iv} -i {Q(input)} 3<{Q(s_key)}");

        // kcapi-enc pads only a partial block, so aligned input matches openssl -nopad and the rest openssl's PKCS#7.
        var openssl = Peer("openssl", $"enc -aes-128-cbc -K {s_hexKey} -iv {Iv} {(size % 16 == 0 ? "-nopad" : "")} -in {Q(input)}");

        Assert.Equal((0, ""), (ours.ExitCode, ours.Stderr));
        Assert.Equal((size + 15) / 16 * 16, ours.Stdout.Length);
        Assert.Equal(kcapi.Stdout, ours.Stdout);
        Assert.Equal(openssl.Stdout, ours.Stdout);

        if (size == 0)
        {
            return;
        }

        var cipher = File($"cbc-{size}.enc", ours.Stdout);
        var oursPlain = Path.Combine(Dir, $"cbc-{size}.ours.dec");
        var kcapiPlain = Path.Combine(Dir, $"cbc-{size}.kcapi.dec");
        Assert.Equal(0, Ours(["enc", "-d", "-c", "cbc(aes)", "--keyfd", "KEYFD", "--iv", Iv, "-i", cipher, "-o", oursPlain], keyFile: s_key).ExitCode);
        Assert.Equal(0, Peer("kcapi-enc", $"-d -c 'cbc(aes)' --keyfd 3 --iv {Iv} -i {Q(cipher)} -o {Q(kcapiPlain)} 3<{Q(s_key)}").ExitCode);
        Assert.Equal(System.IO.File.ReadAllBytes(kcapiPlain), System.IO.File.ReadAllBytes(oursPlain));
        Assert.Equal(data, System.IO.File.ReadAllBytes(oursPlain));

        // To stdout kcapi-enc keeps the padding; so do we.
        var toStdout = Ours(["enc", "-d", "-c", "cbc(aes)", "--keyfd", "KEYFD", "--iv", Iv, "-i", cipher], keyFile: s_key);
        Assert.Equal(Peer("kcapi-enc", $"-d -c 'cbc(aes)' --keyfd 3 --iv {Iv} -i {Q(cipher)} 3<{Q(s_key)}").Stdout, toStdout.Stdout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(65536)]
    public void Pkcs7PaddingRoundTripsWithOpenssl(int size)
    {
        var data = Data(size);
        var input = File($"pkcs7-{size}.bin", data);

        var ours = Ours(["enc", "--padding", "pkcs7", "-c", "cbc(aes)", "--keyfd", "KEYFD", "--iv", Iv], data, s_key);
        var openssl = Peer("openssl", $"enc -aes-128-cbc -K {s_hexKey} -iv {Iv} -in {Q(input)}");
        Assert.Equal(openssl.Stdout, ours.Stdout);

        var back = Ours(["enc", "-d", "--padding", "pkcs7", "-c", "cbc(aes)", "--keyfd", "KEYFD", "--iv", Iv], openssl.Stdout, s_key);
        Assert.Equal((0, ""), (back.ExitCode, back.Stderr));
        Assert.Equal(data, back.Stdout);
    }

    [Theory]
    [MemberData(nameof(AllSizes))]
    public void CtrEqualsKcapiEncAndOpensslFromStdin(int size)
    {
        var data = Data(size);

        var ours = Ours(["enc", "-c", "ctr(aes)", "--keyfd", "KEYFD", "--iv", Iv], data, s_key);
        var kcapi = Peer("kcapi-enc", $"-c 'ctr(aes)' --keyfd 3 --iv {Iv} 3<{Q(s_key)}", data);
        var openssl = Peer("openssl", $"enc -aes-128-ctr -K {s_hexKey} -iv {Iv}", data);

        Assert.Equal((0, ""), (ours.ExitCode, ours.Stderr));
        Assert.Equal(size, ours.Stdout.Length);
        Assert.Equal(kcapi.Stdout, ours.Stdout);
        Assert.Equal(openssl.Stdout, ours.Stdout);
    }

    [Theory]
    [MemberData(nameof(AeadSizes))]
    public void GcmLayoutEqualsKcapiEncBothWays(int size)
    {
        var data = Data(size);
        var input = File($"gcm-{size}.bin", data);
        const string aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

        var ours = Ours(["enc", "-c", "gcm(aes)", "--keyfd", "KEYFD", "--iv", Nonce, "--aad", aad, "--taglen", "16", "-i", input], keyFile: s_key);
        var kcapi = Peer("kcapi-enc", $"-c 'gcm(aes)' --keyfd 3 --iv {Nonce} --aad {aad} --taglen 16 -i {Q(input)} 3<{Q(s_key)}");

        Assert.Equal((0, ""), (ours.ExitCode, ours.Stderr));
        Assert.Equal(20 + size + 16, ours.Stdout.Length);
        Assert.Equal(Reference(data, aad), ours.Stdout);

        // kcapi-enc vmsplices AAD + data through a 16-page pipe; past 64 KiB in all its output goes wrong (docs/cli.md).
        if (20 + size <= 65536)
        {
            Assert.Equal(kcapi.Stdout, ours.Stdout);
        }
        else
        {
            Assert.NotEqual(Reference(data, aad), kcapi.Stdout);
        }

        // Decryption takes the ciphertext alone, the tag in hex, and writes AAD || plaintext.
        var cipher = File($"gcm-{size}.ct", ours.Stdout[20..^16]);
        var tag = Convert.ToHexStringLower(ours.Stdout[^16..]);
        var back = Ours(["enc", "-d", "-c", "gcm(aes)", "--keyfd", "KEYFD", "--iv", Nonce, "--aad", aad, "--tag", tag, "-i", cipher], keyFile: s_key);
        var kcapiBack = Peer("kcapi-enc", $"-d -c 'gcm(aes)' --keyfd 3 --iv {Nonce} --aad {aad} --tag {tag} -i {Q(cipher)} 3<{Q(s_key)}");
        Assert.Equal((0, ""), (back.ExitCode, back.Stderr));
        Assert.Equal(data, back.Stdout[20..]);
        if (20 + size <= 65536)
        {
            Assert.Equal(kcapiBack.Stdout, back.Stdout);
        }
    }

    /// <summary>AAD || ciphertext || tag from .NET's AesGcm (OpenSSL), the independent reference.</summary>
    private static byte[] Reference(byte[] data, string aadHex)
    {
        var aad = Convert.FromHexString(aadHex);
        var cipher = new byte[data.Length];
        var tag = new byte[16];
        using var gcm = new System.Security.Cryptography.AesGcm(s_keyBytes, 16);
        gcm.Encrypt(Convert.FromHexString(Nonce), data, cipher, tag, aad);
        return [.. aad, .. cipher, .. tag];
    }

    [Fact]
    public void AWrongGcmTagFailsWithOneLineAndNoPlaintext()
    {
        var cipher = File("gcm-bad.ct", Data(33));

        var ours = Ours(["enc", "-d", "-c", "gcm(aes)", "--keyfd", "KEYFD", "--iv", Nonce, "--aad", "00", "--tag", new string('0', 32), "-i", cipher], keyFile: s_key);

        Assert.Equal(1, ours.ExitCode);
        Assert.Empty(ours.Stdout);
        Assert.StartsWith("typedalg: authentication failed", Assert.Single(ours.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void APartialBlockToDecryptIsOneClearLine()
    {
        var ours = Ours(["enc", "-d", "-c", "cbc(aes)", "--keyfd", "KEYFD", "--iv", Iv], Data(17), s_key);

        Assert.Equal(1, ours.ExitCode);
        Assert.Contains("multiple of the block size", Assert.Single(ours.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
