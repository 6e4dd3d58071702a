using Xunit;

namespace TypedAlg.Runtime.Tests;

/// <summary>/proc/crypto parsing and the name suggestions built on it, on text captured from Linux 6.12.</summary>
public sealed class ProcCryptoTests
{
    private const string Sample = """
        name         : cbc(aes)
        driver       : cbc-aes-aesni
        module       : aesni_intel
        priority     : 400
        refcnt       : 1
        selftest     : passed
        internal     : no
        type         : skcipher
        async        : no
        blocksize    : 16
        min keysize  : 16
        max keysize  : 32
        ivsize       : 16
        chunksize    : 16
        walksize     : 16
        statesize    : 0

        name         : cbc(aes)
        driver       : cbc(aes-generic)
        module       : kernel
        priority     : 100
        refcnt       : 1
        selftest     : passed
        internal     : no
        type         : skcipher
        blocksize    : 16
        min keysize  : 16
        max keysize  : 32
        ivsize       : 16
        chunksize    : 16

        name         : gcm(aes)
        driver       : generic-gcm-aesni
        module       : aesni_intel
        priority     : 400
        refcnt       : 1
        selftest     : passed
        internal     : no
        type         : aead
        async        : yes
        blocksize    : 1
        ivsize       : 12
        maxauthsize  : 16
        geniv        : <none>

        name         : sha256
        driver       : sha256-avx2
        module       : sha256_ssse3
        priority     : 170
        refcnt       : 1
        selftest     : passed
        internal     : no
        type         : shash
        blocksize    : 64
        digestsize   : 32

        name         : drbg_nopr_hmac_sha256
        driver       : drbg_nopr_hmac_sha256
        module       : kernel
        priority     : 221
        refcnt       : 1
        selftest     : passed
        internal     : no
        type         : rng
        seedsize     : 0

        name         : drbg_nopr_sha512
        driver       : drbg_nopr_sha512
        module       : kernel
        priority     : 206
        refcnt       : 1
        selftest     : passed
        internal     : no
        type         : rng
        seedsize     : 0

        name         : __cbc(aes)
        driver       : __cbc-aes-aesni
        module       : aesni_intel
        priority     : 400
        refcnt       : 1
        selftest     : passed
        internal     : yes
        type         : skcipher
        blocksize    : 16
        min keysize  : 16
        max keysize  : 32
        ivsize       : 16
        chunksize    : 16
        """;

    [Fact]
    public void ParsesEveryBlockWithItsTypeSpecificSizes()
    {
        var entries = KernelCrypto.ParseProcCrypto(Sample);
        Assert.Equal(7, entries.Count);

        var cbc = entries[0];
        Assert.Equal("cbc(aes)", cbc.Name);
        Assert.Equal("cbc-aes-aesni", cbc.Driver);
        Assert.Equal("aesni_intel", cbc.Module);
        Assert.Equal(400, cbc.Priority);
        Assert.Equal("skcipher", cbc.Type);
        Assert.Equal("passed", cbc.SelfTest);
        Assert.False(cbc.Internal);
        Assert.Equal(16, cbc.BlockSize);
        Assert.Equal(16, cbc.MinKeySize);
        Assert.Equal(32, cbc.MaxKeySize);
        Assert.Equal(16, cbc.IvSize);
        Assert.Equal(16, cbc.ChunkSize);
        Assert.Null(cbc.DigestSize);

        var gcm = entries[2];
        Assert.Equal(12, gcm.IvSize);
        Assert.Equal(16, gcm.MaxAuthSize);
        Assert.Null(gcm.MinKeySize);

        Assert.Equal(32, entries[3].DigestSize);
        Assert.Equal(0, entries[4].SeedSize);
        Assert.True(entries[6].Internal);
    }

    [Fact]
    public void ToleratesCrLfMissingTypeAndTrailingText()
    {
        var entries = KernelCrypto.ParseProcCrypto("name : a\r\ndriver : a-x\r\n\r\nname : b\ntype : shash\ndigestsize : x\n");
        var only = Assert.Single(entries);
        Assert.Equal("b", only.Name);
        Assert.Equal("b", only.Driver);
        Assert.Null(only.DigestSize);
    }

    [Fact]
    public void FindEntryPrefersExactDriverThenPriority()
    {
        var entries = KernelCrypto.ParseProcCrypto(Sample);
        Assert.Equal("cbc-aes-aesni", ProcCrypto.FindEntry("cbc(aes)", entries)!.Driver);
        Assert.Equal("cbc(aes-generic)", ProcCrypto.FindEntry("cbc(aes-generic)", entries)!.Driver);
        Assert.Null(ProcCrypto.FindEntry("nope", entries));
    }

    [Fact]
    public void SuggestsRemainingDrbgsForTheRemovedHashDrbg()
    {
        var entries = KernelCrypto.ParseProcCrypto(Sample);
        var closest = ProcCrypto.ClosestNames("drbg_nopr_sha256", "rng", 3, entries);
        Assert.Equal(["drbg_nopr_sha512", "drbg_nopr_hmac_sha256"], closest);
    }

    [Fact]
    public void SuggestionsKeepToTheSocketTypeAndSkipInternalNames()
    {
        var entries = KernelCrypto.ParseProcCrypto(Sample);
        var closest = ProcCrypto.ClosestNames("cbc(aez)", "skcipher", 5, entries);
        Assert.Contains("cbc(aes)", closest);
        Assert.DoesNotContain("__cbc(aes)", closest);
        Assert.DoesNotContain("gcm(aes)", closest);
        Assert.Empty(ProcCrypto.ClosestNames("cbc(aes)x", "hash", 3, entries));
    }

    [Theory]
    [InlineData("shash", "hash", true)]
    [InlineData("ahash", "hash", true)]
    [InlineData("lskcipher", "skcipher", true)]
    [InlineData("aead", "aead", true)]
    [InlineData("rng", "rng", true)]
    [InlineData("cipher", "skcipher", false)]
    [InlineData("skcipher", "aead", false)]
    public void ProcTypesMapToSocketTypes(string procType, string socketType, bool expected) =>
        Assert.Equal(expected, ProcCrypto.TypeMatches(procType, socketType));

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("sha256", "sha256", 0)]
    [InlineData("sha256", "sha224", 2)]
    [InlineData("kitten", "sitting", 3)]
    public void EditDistanceIsLevenshtein(string a, string b, int expected) =>
        Assert.Equal(expected, ProcCrypto.EditDistance(a, b));

    // Linux 7.3 with qemu's virtio-crypto device: the virtio driver outranks cbc-aes-lib but AF_ALG skips it.
    private const string Virtio73 = """
        name         : cbc(aes)
        driver       : virtio_crypto_aes_cbc
        module       : virtio_crypto
        priority     : 150
        internal     : no
        type         : skcipher
        async        : yes

        name         : cbc(aes)
        driver       : cbc-aes-lib
        module       : kernel
        priority     : 110
        internal     : no
        type         : skcipher
        async        : no
        """;

    [Fact]
    public void ServingDriverSkipsOffCpuDriversFromLinux72()
    {
        var entries = ProcCrypto.Parse(Virtio73);
        Assert.True(entries[0].Async);
        Assert.Equal("cbc-aes-lib", ProcCrypto.Serving("cbc(aes)", "skcipher", entries, new Version(7, 3))!.Driver);
        Assert.Equal("virtio_crypto_aes_cbc", ProcCrypto.Serving("cbc(aes)", "skcipher", entries, new Version(6, 12))!.Driver);
        Assert.Equal("virtio_crypto_aes_cbc", ProcCrypto.Serving("virtio_crypto_aes_cbc", "skcipher", entries, new Version(6, 12))!.Driver);
        Assert.Equal(["virtio_crypto_aes_cbc", "cbc-aes-lib"], ProcCrypto.Implementations("cbc(aes)", "skcipher", entries).Select(e => e.Driver));
    }
}
