using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// A container's seccomp profile that blocks socket(AF_ALG), as containerd's and Docker's defaults do, installed on a
/// thread of this process: the error must name the seccomp profile, not a kernel without AF_ALG.
/// </summary>
public sealed unsafe class SandboxTests
{
    private const uint AuditArchX8664 = 0xC000003E;
    private const uint RetAllow = 0x7fff0000;
    private const uint RetErrno = 0x00050000;
    private const int SysSocket = 41;
    private const int AfAlg = 38;
    private const int PrSetNoNewPrivs = 38;
    private const int SeccompSetModeFilter = 1;

    [Theory]
    [InlineData(1)]  // EPERM: the profile's usual answer
    [InlineData(97)] // EAFNOSUPPORT: what some profiles answer for a family they do not allow
    public void BlockedSocketNamesTheSeccompProfile(int errno)
    {
        TestThread.Run(() =>
        {
            DenyAfAlgSocketsOnThisThread(errno);
            var error = Assert.Throws<AfAlgUnavailableException>(() => Sha256.Hash("x"u8));
            Assert.Equal(UnavailableReason.AfAlgBlockedBySandbox, error.Reason);
            Assert.Contains("seccomp", error.Message, StringComparison.Ordinal);
            Assert.Contains("Seccomp: 2", error.Message, StringComparison.Ordinal);
            Assert.False(Sha256.IsSupported);
            Assert.Equal(UnavailableReason.AfAlgBlockedBySandbox, KernelCrypto.GetAvailability("sha256", Annotations.KernelAlgorithmType.Hash).Reason);
        });

        // Other threads are not filtered: the kernel serves them as before.
        Assert.True(KernelCrypto.GetAvailability("sha256", Annotations.KernelAlgorithmType.Hash).IsAvailable);
    }

    /// <summary>socket(AF_ALG, ...) on this thread fails with <paramref name="errno"/>; every other call is allowed.</summary>
    private static void DenyAfAlgSocketsOnThisThread(int errno)
    {
        Assert.Equal(0, Native.prctl(PrSetNoNewPrivs, 1, 0, 0, 0));
        ulong[] filter =
        [
            Statement(0x20, 4),                          // ld [4]: arch
            Jump(0x15, AuditArchX8664, 0, 4),            // not x86-64: allow
            Statement(0x20, 0),                          // ld [0]: nr
            Jump(0x15, SysSocket, 0, 2),                 // not socket: allow
            Statement(0x20, 16),                         // ld [16]: args[0], low half (the family)
            Jump(0x15, AfAlg, 1, 0),                     // AF_ALG: the errno return
            Statement(0x06, RetAllow),
            Statement(0x06, RetErrno | (uint)errno),
        ];
        fixed (ulong* f = filter)
        {
            var fprog = stackalloc ulong[2];
            fprog[0] = (ulong)filter.Length;
            fprog[1] = (ulong)f;
            Assert.Equal(0, (int)Native.syscall((nint)Native.SYS_seccomp, SeccompSetModeFilter, 0, (nint)fprog, 0, 0));
        }
    }

    // struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; } packed little-endian into 8 bytes.
    private static ulong Statement(ushort code, uint k) => code | ((ulong)k << 32);

    private static ulong Jump(ushort code, uint k, byte jt, byte jf) => code | ((ulong)jt << 16) | ((ulong)jf << 24) | ((ulong)k << 32);
}
