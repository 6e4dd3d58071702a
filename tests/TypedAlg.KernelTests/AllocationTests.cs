using TypedAlg.KernelTests.Support;
using TypedAlg.Runtime;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>Steady-state one-shots allocate nothing: measured over 1,000 operations after a warm-up.</summary>
public sealed class AllocationTests
{
    private const int Operations = 1000;

    [Fact]
    public void HashOneShotAllocatesNothing()
    {
        using var hash = new HashCore("sha256", 32);
        var data = Inputs.Bytes(1024, 71);
        var digest = new byte[32];
        Assert.Equal(0, Measure(() => hash.HashData(data, digest)));
    }

    [Fact]
    public void StaticHashOneShotAllocatesNothing()
    {
        var data = Inputs.Bytes(64, 72);
        var digest = new byte[32];
        Assert.Equal(0, Measure(() => HashCore.HashData("sha256", 32, data, digest)));
    }

    [Fact]
    public void HmacOneShotAllocatesNothing()
    {
        using var mac = new HashCore("hmac(sha256)", 32, Inputs.Bytes(32, 73));
        var data = Inputs.Bytes(1024, 74);
        var output = new byte[32];
        Assert.Equal(0, Measure(() => mac.HashData(data, output)));
    }

    [Fact]
    public void CbcOneShotAllocatesNothing()
    {
        using var cbc = new SkcipherCore("cbc(aes)", Inputs.Bytes(16, 75), 16, 16);
        var iv = Inputs.Bytes(16, 76);
        var buffer = Inputs.Bytes(4096, 77);
        Assert.Equal(0, Measure(() => cbc.Encrypt(iv, buffer, buffer)));
    }

    [Fact]
    public void GcmAllocatesNothing()
    {
        using var gcm = new AeadCore("gcm(aes)", Inputs.Bytes(16, 78), 12, 16);
        var nonce = new byte[12];
        var aad = Inputs.Bytes(2000, 79); // above the stack size: the owned scratch buffer is reused
        var buffer = Inputs.Bytes(1024, 80);
        var tag = new byte[16];
        Assert.Equal(0, Measure(() =>
        {
            gcm.Encrypt(nonce, buffer, buffer, tag, aad);
            gcm.Decrypt(nonce, buffer, tag, buffer, aad);
        }));
    }

    [Fact]
    public void RngAllocatesNothing()
    {
        if (!ThisBoot.ServesDrbg)
        {
            ThisBoot.AssertNoDrbg(() => new RngCore("drbg_nopr_hmac_sha256").Dispose());
            return;
        }

        using var rng = new RngCore("drbg_nopr_hmac_sha256");
        var output = new byte[32];
        Assert.Equal(0, Measure(() => rng.Fill(output)));
    }

    private static long Measure(Action operation)
    {
        for (var i = 0; i < 50; i++)
        {
            operation();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Operations; i++)
        {
            operation();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
