using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// Issue 14, finding 6: a forked child inherits every descriptor, so without a check parent and child would share the
/// per-thread cached sockets and the instances' sockets, and their messages could interleave. The child must get its
/// own cached sockets, and an instance created before the fork must refuse to work in the child.
/// The child runs only the few calls under test and leaves with _exit; its exit code says what it saw.
/// </summary>
public sealed partial class ForkTests
{
    private static readonly byte[] Data = "child data"u8.ToArray();

    [Fact]
    public void ChildGetsItsOwnCachedSocketAndTheRightDigest()
    {
        byte[] digest = new byte[32];
        HashCore.HashData("sha256", 32, "parent"u8, digest); // the parent's cached socket exists now
        byte[] expected = SHA256.HashData(Data);
        HashSet<string> parentSockets = Sockets();
        int code = InChild(() =>
        {
            HashCore.HashData("sha256", 32, Data, digest);
            if (!digest.AsSpan().SequenceEqual(expected))
            {
                return 2;
            }

            // A socket the parent does not have: the child opened its own instead of using the inherited one.
            return Sockets().Except(parentSockets).Any() ? 0 : 1;
        });
        Assert.True(code == 0, code switch
        {
            1 => "the child hashed on the parent's cached socket (no new socket opened)",
            2 => "the child's digest was wrong",
            _ => $"the child failed (exit code {code})",
        });

        HashCore.HashData("sha256", 32, Data, digest); // and the parent's socket still works
        Assert.Equal(expected, digest);
    }

    /// <summary>
    /// A real fork: the child sees an instance's socket as another process's. (The child only reads a flag: .NET does
    /// not support managed exception handling in a forked child, so the refusal itself is checked below.)
    /// </summary>
    [Fact]
    public void InstanceCreatedBeforeTheForkIsSeenAsAnotherProcesssInTheChild()
    {
        using var hash = new HashCore("sha256", 32);
        Assert.True(hash.Socket.IsFromThisProcess);
        int code = InChild(() => hash.Socket.IsFromThisProcess ? 1 : 0);
        Assert.True(code == 0, code == 1 ? "the child took the parent's socket for its own" : $"the child failed (exit code {code})");
        Assert.True(hash.Socket.IsFromThisProcess);
    }

    /// <summary>The refusal, in this process made to look like a forked child (the wiped page a child sees).</summary>
    [Fact]
    public void InstanceUsedInAForkedChildIsRefusedWithAClearMessage()
    {
        using var hash = new HashCore("sha256", 32);
        using var gcm = new GcmAes(GcmAes.Key128.Create(new byte[16]));
        byte[] digest = new byte[32];
        ForkGuard.WipeAsIfForked();
        string message = Assert.Throws<InvalidOperationException>(() => hash.HashData(Data, digest)).Message;
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

    /// <summary>Runs <paramref name="child"/> in a forked child and returns its exit code (watchdog: 60 s).</summary>
    private static int InChild(Func<int> child)
    {
        GC.Collect(); // the child should not need a collection: the runtime's other threads do not exist there
        int pid = fork();
        if (pid == 0)
        {
            int code;
            try
            {
                code = child();
            }
            catch
            {
                code = 9;
            }

            _exit(code);
        }

        Assert.True(pid > 0, $"fork failed: errno {Marshal.GetLastPInvokeError()}");
        for (int waited = 0; waited < 600; waited++)
        {
            int status = 0;
            int r = waitpid(pid, ref status, 1 /* WNOHANG */);
            if (r == pid)
            {
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 100 + (status & 0x7f);
            }

            Thread.Sleep(100);
        }

        kill(pid, 9);
        waitpid(pid, ref pid, 0);
        Assert.Fail("the child did not finish within 60 s");
        return -1;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fork();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int waitpid(int pid, ref int status, int options);

    [LibraryImport("libc")]
    private static partial void _exit(int status);

    [LibraryImport("libc")]
    private static partial int kill(int pid, int signal);
}
