using Xunit;

namespace TypedAlg.KernelTests;

/// <summary>
/// The guest itself behaves: a hardware exception in a .NET process becomes a managed exception. Under qemu's SMAP
/// emulation (qemu 7.2, -cpu max) it became a kernel Oops and a hang, so a bug in a test looked like a hung kernel;
/// tools/kernel-vm/run boots with -cpu max,-smap.
/// </summary>
public sealed class GuestSanityTests
{
    private sealed class Holder
    {
        public int Value;
    }

    [Fact]
    public void NullDereferenceIsACatchableNullReferenceException()
    {
        var holder = Environment.GetEnvironmentVariable("TYPEDALG_NO_SUCH_VARIABLE") is null ? null : new Holder();
        for (var i = 0; i < 3; i++)
        {
            Assert.Throws<NullReferenceException>(() => holder!.Value++);
        }
    }
}
