using TypedAlg.Annotations;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>
/// A real kernel whose af_alg module is left out (./test: the boot "without-af_alg", --without af_alg): every entry
/// point answers AfAlgUnavailableException with the kernel option to enable, and repeating it leaves no descriptor
/// open. The host, whose kernel has no AF_ALG at all, runs the same checks in TypedAlg.Runtime.Tests.
/// </summary>
[Trait("Boot", "without-af_alg")]
public sealed class WithoutAfAlgTests
{
    private static readonly Action[] EntryPoints =
    [
        () => new HashCore("sha256", 32).Dispose(),
        () => new HashCore("hmac(sha256)", 32, new byte[32]).Dispose(),
        () => HashCore.HashData("sha256", 32, "a"u8, new byte[32]),
        () => HashCore.MacData("hmac(sha256)", 32, new byte[32], "a"u8, new byte[32]),
        () => new SkcipherCore("cbc(aes)", new byte[16], 16, 16).Dispose(),
        () => new AeadCore("gcm(aes)", new byte[16], 12, 16).Dispose(),
        () => new RngCore("drbg_nopr_hmac_sha256").Dispose(),
        () => RngCore.Fill("stdrng", new byte[16]),
    ];

    [Fact]
    public void EveryEntryPointSaysAfAlgIsMissingAndLeavesNothingOpen()
    {
        Assert.False(KernelCrypto.IsAfAlgAvailable);
        Assert.False(KernelCrypto.IsSupported("sha256", KernelAlgorithmType.Hash));
        foreach (Action call in EntryPoints)
        {
            var e = Assert.Throws<AfAlgUnavailableException>(call);
            Assert.Equal(97, e.Errno); // EAFNOSUPPORT: the module could not be loaded
            Assert.Contains("CONFIG_CRYPTO_USER_API", e.Message);
        }

        int before = SocketsAndPipes();
        for (int round = 0; round < 100; round++)
        {
            foreach (Action call in EntryPoints)
            {
                Assert.Throws<AfAlgUnavailableException>(call);
            }
        }

        Assert.Equal(before, SocketsAndPipes());
    }

    /// <summary>Open sockets and pipes: what the runtime could leak (other files come and go with the test host).</summary>
    private static int SocketsAndPipes() =>
        Directory.GetFileSystemEntries("/proc/self/fd").Count(fd =>
        {
            try
            {
                string? target = File.ResolveLinkTarget(fd, returnFinalTarget: false)?.FullName;
                return target is not null && (target.Contains("socket:", StringComparison.Ordinal) || target.Contains("pipe:", StringComparison.Ordinal));
            }
            catch (IOException)
            {
                return false; // closed between the listing and the read
            }
        });
}
