using System.Security.Cryptography;
using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// Issue 14, finding 6: a forked child inherits every descriptor, so without a check parent and child would share the
/// per-thread cached sockets and the instances' sockets, and their messages could interleave. The child must get its
/// own cached sockets, and an instance created before the fork must refuse to work in the child.
/// .NET does not support running managed code in a forked child (in a 6.12 guest such a child crashed in exception
/// handling or hung), so the child is simulated: the MADV_WIPEONFORK page is zeroed, exactly what the kernel does in a
/// child, and the runtime must react as it would there.
/// </summary>
public sealed class ForkTests
{
    private static readonly byte[] Data = "child data"u8.ToArray();

    /// <summary>The static one-shot in a (simulated) child: it opens its own socket and gives the right digest.</summary>
    [Fact]
    public void CachedOneShotInAForkedChildOpensItsOwnSocket()
    {
        var digest = new byte[32];
        HashCore.HashData("sha256", 32, "parent"u8, digest); // the cached socket exists now
        var before = Sockets();
        ForkGuard.WipeAsIfForked();
        HashCore.HashData("sha256", 32, Data, digest);
        Assert.Equal(SHA256.HashData(Data), digest);
        Assert.True(Sockets().Except(before).Any(), "the one-shot went on with the socket opened before the fork");
    }

    /// <summary>The refusal, in this process made to look like a forked child (the wiped page a child sees).</summary>
    [Fact]
    public void InstanceUsedInAForkedChildIsRefusedWithAClearMessage()
    {
        using var hash = new HashCore("sha256", 32);
        using var gcm = new GcmAes(GcmAes.Key128.Create(new byte[16]));
        var digest = new byte[32];
        ForkGuard.WipeAsIfForked();
        var message = Assert.Throws<InvalidOperationException>(() => hash.HashData(Data, digest)).Message;
        Assert.Contains("forked", message);
        Assert.Contains("Create a new instance in the child", message);
        ForkGuard.WipeAsIfForked();
        Assert.Contains("forked", Assert.Throws<InvalidOperationException>(() => gcm.Seal(Data)).Message);

        // Back to the real process (the page now holds this process's id again): the instances work.
        _ = ForkGuard.Stamp;
        hash.HashData(Data, digest);
        Assert.Equal(SHA256.HashData(Data), digest);
        Assert.Equal(Data, gcm.Open(gcm.Seal(Data)));
    }

    private static HashSet<string> Sockets() =>
        Directory.GetFileSystemEntries("/proc/self/fd")
            .Select(p => new FileInfo(p).LinkTarget ?? "")
            .Where(t => t.StartsWith("socket:", StringComparison.Ordinal))
            .ToHashSet();
}
