using Xunit;

namespace TypedAlg.Runtime.Tests;

/// <summary>Alone in the process while it counts descriptors: the other host tests would otherwise move the count.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class DescriptorCountCollection
{
}

/// <summary>
/// AF_ALG absent (the host): every entry point answers AfAlgUnavailableException, and repeating it leaves no
/// descriptor open (a leak of one per call would show as hundreds here). Counted from /proc/self/fd.
/// </summary>
[Collection(nameof(DescriptorCountCollection))]
public sealed class AfAlgAbsentTests
{
    [Fact]
    public void EveryEntryPointFailsCleanlyWithoutLeakingDescriptors()
    {
        Assert.SkipWhen(KernelCrypto.IsAfAlgAvailable, HostBehaviourTests.HostHasAfAlg);
        Action[] calls =
        [
            () => new HashCore("sha256", 32).Dispose(),
            () => new HashCore("hmac(sha256)", 32, new byte[32]).Dispose(),
            () => HashCore.HashData("sha256", 32, "a"u8, new byte[32]),
            () => HashCore.MacData("hmac(sha256)", 32, new byte[32], "a"u8, new byte[32]),
            () => HashCore.FromKeySerial("hmac(sha256)", 32, 1234).Dispose(),
            () => new SkcipherCore("cbc(aes)", new byte[16], 16, 16).Dispose(),
            () => SkcipherCore.FromKeySerial("cbc(aes)", 1234, 16, 16).Dispose(),
            () => new AeadCore("gcm(aes)", new byte[16], 12, 16).Dispose(),
            () => AeadCore.FromKeySerial("gcm(aes)", 1234, 12, 16).Dispose(),
            () => new RngCore("stdrng").Dispose(),
            () => RngCore.Fill("stdrng", new byte[16]),
            () => RngCore.CreateWithTestEntropy("drbg_nopr_hmac_sha256", new byte[32], default).Dispose(),
        ];
        foreach (var call in calls)
        {
            // First round outside the count: type loading and message resources may open files once.
            Assert.Throws<AfAlgUnavailableException>(call);
        }

        var before = SocketsAndPipes().Count;
        for (var round = 0; round < 200; round++)
        {
            foreach (var call in calls)
            {
                var e = Assert.Throws<AfAlgUnavailableException>(call);
                Assert.Equal(97, e.Errno); // EAFNOSUPPORT
            }
        }

        var after = SocketsAndPipes();
        Assert.True(before == after.Count, $"{before} sockets and pipes before, {after.Count} after: {string.Join(", ", after)}");
    }

    /// <summary>
    /// The descriptors the runtime could leak. Other files come and go with the test host (assembly loading,
    /// the runner's own work), so they are not counted; an entry may vanish while it is read.
    /// </summary>
    private static List<string> SocketsAndPipes()
    {
        var found = new List<string>();
        foreach (var entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                var target = File.ResolveLinkTarget(entry, returnFinalTarget: false)?.FullName;
                if (target is not null && (target.Contains("socket:", StringComparison.Ordinal) || target.Contains("pipe:", StringComparison.Ordinal)))
                {
                    found.Add(Path.GetFileName(entry) + " -> " + Path.GetFileName(target));
                }
            }
            catch (IOException)
            {
                // Closed between the listing and the read.
            }
        }

        return found;
    }
}
