using System.Runtime.InteropServices;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>
/// The harness's proof of life: SHA-256("abc") through a raw AF_ALG socket, no runtime involved.
/// </summary>
public sealed partial class Sha256SmokeTest
{
    private const int AF_ALG = 38;
    private const int SOCK_SEQPACKET = 5;
    private const int SOCK_CLOEXEC = 0x80000;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int bind(int fd, byte* addr, int len);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int accept4(int fd, nint addr, nint len, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint send(int fd, byte* buf, nint len, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint recv(int fd, byte* buf, nint len, int flags);

    [LibraryImport("libc")]
    private static partial int close(int fd);

    [Fact]
    public unsafe void Sha256OfAbcMatchesFips180Example()
    {
        var sa = stackalloc byte[88];
        new Span<byte>(sa, 88).Clear();
        *(ushort*)sa = AF_ALG;
        "hash"u8.CopyTo(new Span<byte>(sa + 2, 14));
        "sha256"u8.CopyTo(new Span<byte>(sa + 24, 64));

        var tfm = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        Assert.True(tfm >= 0, $"socket(AF_ALG) failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            Assert.Equal(0, bind(tfm, sa, 88));
            var op = accept4(tfm, 0, 0, SOCK_CLOEXEC);
            Assert.True(op >= 0, $"accept4 failed: errno {Marshal.GetLastPInvokeError()}");
            try
            {
                var msg = stackalloc byte[] { (byte)'a', (byte)'b', (byte)'c' };
                Assert.Equal(3, (int)send(op, msg, 3, 0));
                var digest = stackalloc byte[32];
                Assert.Equal(32, (int)recv(op, digest, 32, 0));
                Assert.Equal(
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    Convert.ToHexStringLower(new ReadOnlySpan<byte>(digest, 32)));
            }
            finally { close(op); }
        }
        finally { close(tfm); }
    }
}
