using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TypedAlg.Runtime.Interop;
using Xunit;

namespace TypedAlg.Runtime.Tests;

/// <summary>The C structures built on the stack match the x86-64 kernel ABI byte for byte.</summary>
public sealed class LayoutTests
{
    /// <summary>
    /// Issue 14, finding 8: the cmsg and sockaddr layouts are LP64 little-endian; another platform is refused with
    /// PlatformNotSupportedException naming it (not EINVAL from the kernel). This host is x86-64, so the decision is
    /// tested directly, and the real check must let this process through.
    /// </summary>
    [Fact]
    public void ThirtyTwoBitAndBigEndianProcessesAreRefusedNamingThePlatform()
    {
        Assert.Null(TypedAlg.Runtime.Interop.PlatformCheck.Describe(true, 8, System.Runtime.InteropServices.Architecture.X64));
        Assert.Null(TypedAlg.Runtime.Interop.PlatformCheck.Describe(true, 8, System.Runtime.InteropServices.Architecture.Arm64));
        var arm32 = TypedAlg.Runtime.Interop.PlatformCheck.Describe(true, 4, System.Runtime.InteropServices.Architecture.Arm)!;
        Assert.Contains("Arm (32-bit little-endian)", arm32);
        var s390x = TypedAlg.Runtime.Interop.PlatformCheck.Describe(false, 8, System.Runtime.InteropServices.Architecture.S390x)!;
        Assert.Contains("S390x (64-bit big-endian)", s390x);
        TypedAlg.Runtime.Interop.PlatformCheck.ThrowIfUnsupported();
    }

    [Fact]
    public unsafe void MsgHdrAndIoVecHaveLp64Layout()
    {
        Assert.Equal(56, sizeof(MsgHdr));
        Assert.Equal(16, sizeof(IoVec));
        Assert.Equal(0, (int)Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.Name)));
        Assert.Equal(8, (int)Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.NameLength)));
        Assert.Equal(16, (int)Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.Iov)));
        Assert.Equal(24, (int)Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.IovLength)));
        Assert.Equal(32, (int)Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.Control)));
        Assert.Equal(40, (int)Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.ControlLength)));
        Assert.Equal(48, (int)Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.Flags)));
    }

    [Fact]
    public void CmsgSizesFollowCmsgSpace()
    {
        Assert.Equal(20, Cmsg.Length(4));
        Assert.Equal(24, Cmsg.Space(4));
        Assert.Equal(40, Cmsg.Space(4 + 16)); // af_alg_iv with a 16-byte IV
        Assert.Equal(24 + 40, Cmsg.ControlSize(16, aead: false));
        Assert.Equal(24 + 32 + 24, Cmsg.ControlSize(12, aead: true));
        Assert.Equal(24, Cmsg.ControlSize(0, aead: false));
        Assert.Equal(Cmsg.MaxCipherControl, Cmsg.ControlSize(SkcipherCore.MaxIvSize, aead: false));
        Assert.Equal(Cmsg.MaxAeadControl, Cmsg.ControlSize(SkcipherCore.MaxIvSize, aead: true));
    }

    [Fact]
    public void AeadWithoutAssociatedDataCarriesNoAssocLength()
    {
        // As libkcapi: af_alg_sendmsg starts from a zeroed control block, so a missing ASSOCLEN means 0.
        var control = new byte[Cmsg.MaxAeadControl];
        var used = Cmsg.Write(control, AlgConstants.ALG_OP_ENCRYPT, new byte[12], 0, aead: true);
        Assert.Equal(Cmsg.ControlSize(12, aead: false), used);
        Assert.Equal(AlgConstants.ALG_SET_IV, BitConverter.ToInt32(control, 24 + 12));
    }

    [Fact]
    public void CmsgCarriesOpIvAndAssocLength()
    {
        var iv = Enumerable.Range(1, 12).Select(i => (byte)i).ToArray();
        var control = new byte[Cmsg.ControlSize(12, aead: true)];
        var used = Cmsg.Write(control, AlgConstants.ALG_OP_ENCRYPT, iv, 77, aead: true);
        Assert.Equal(control.Length, used);

        // ALG_SET_OP
        Assert.Equal(20UL, BinaryPrimitives.ReadUInt64LittleEndian(control));
        Assert.Equal(279, BinaryPrimitives.ReadInt32LittleEndian(control.AsSpan(8)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(control.AsSpan(12)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(control.AsSpan(16)));

        // ALG_SET_IV: struct af_alg_iv { u32 ivlen; u8 iv[]; }
        Assert.Equal(16UL + 4 + 12, BinaryPrimitives.ReadUInt64LittleEndian(control.AsSpan(24)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(control.AsSpan(24 + 12)));
        Assert.Equal(12u, BinaryPrimitives.ReadUInt32LittleEndian(control.AsSpan(24 + 16)));
        Assert.Equal(iv, control.AsSpan(24 + 20, 12).ToArray());

        // ALG_SET_AEAD_ASSOCLEN
        Assert.Equal(20UL, BinaryPrimitives.ReadUInt64LittleEndian(control.AsSpan(56)));
        Assert.Equal(4, BinaryPrimitives.ReadInt32LittleEndian(control.AsSpan(56 + 12)));
        Assert.Equal(77u, BinaryPrimitives.ReadUInt32LittleEndian(control.AsSpan(56 + 16)));
    }

    /// <summary>Hot paths hand Cmsg.Write an uninitialized stack buffer: every byte of the block, padding too, is written.</summary>
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(8, true)]
    [InlineData(12, true)]
    [InlineData(16, false)]
    [InlineData(17, true)]
    [InlineData(64, true)]
    public void CmsgWritesEveryByteOfTheBlock(int ivLength, bool aead)
    {
        var iv = Enumerable.Range(1, ivLength).Select(i => (byte)i).ToArray();
        var control = Enumerable.Repeat((byte)0xEE, Cmsg.MaxAeadControl + 8).ToArray();
        var used = Cmsg.Write(control, AlgConstants.ALG_OP_DECRYPT, iv, aead ? 9 : 0, aead);
        Assert.Equal(Cmsg.ControlSize(ivLength, aead), used);
        Assert.All(control.AsSpan(used).ToArray(), b => Assert.Equal(0xEE, b)); // nothing past the block

        var expected = new List<byte>();
        void Message(int type, byte[] data)
        {
            expected.AddRange(BitConverter.GetBytes((ulong)(16 + data.Length)));
            expected.AddRange(BitConverter.GetBytes(279));
            expected.AddRange(BitConverter.GetBytes(type));
            expected.AddRange(data);
            expected.AddRange(new byte[Cmsg.Space(data.Length) - 16 - data.Length]);
        }

        Message(AlgConstants.ALG_SET_OP, BitConverter.GetBytes(0u));
        if (ivLength > 0)
        {
            Message(AlgConstants.ALG_SET_IV, [.. BitConverter.GetBytes((uint)ivLength), .. iv]);
        }

        if (aead)
        {
            Message(AlgConstants.ALG_SET_AEAD_ASSOCLEN, BitConverter.GetBytes(9u));
        }

        Assert.Equal(expected.ToArray(), control.AsSpan(0, used).ToArray());
    }

    [Fact]
    public void DecryptWithoutIvIsOneOpMessage()
    {
        var control = new byte[Cmsg.ControlSize(0, aead: false)];
        Cmsg.Write(control, AlgConstants.ALG_OP_DECRYPT, default, 0, aead: false);
        Assert.Equal(24, control.Length);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(control.AsSpan(16)));
    }

    [Fact]
    public void SockaddrAlgHasTypeAndNameAtKernelOffsets()
    {
        var sa = new byte[SockaddrAlg.MaxSize];
        var len = SockaddrAlg.Write(sa, "skcipher", "cbc(aes)");
        Assert.Equal(88, len);
        Assert.Equal(38, BinaryPrimitives.ReadUInt16LittleEndian(sa));
        Assert.Equal("skcipher"u8.ToArray(), sa.AsSpan(2, 8).ToArray());
        Assert.Equal(0, sa[10]);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(sa.AsSpan(16))); // feat
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(sa.AsSpan(20))); // mask
        Assert.Equal("cbc(aes)"u8.ToArray(), sa.AsSpan(24, 8).ToArray());
        Assert.Equal(0, sa[32]);
    }

    [Fact]
    public void HardwareOnlyBindPutsKernDriverOnlyInFeatAndMask()
    {
        var sa = new byte[SockaddrAlg.MaxSize];
        SockaddrAlg.Write(sa, "skcipher", "cbc(aes)", AlgConstants.CRYPTO_ALG_KERN_DRIVER_ONLY, AlgConstants.CRYPTO_ALG_KERN_DRIVER_ONLY);
        Assert.Equal(0x1000u, BinaryPrimitives.ReadUInt32LittleEndian(sa.AsSpan(16)));
        Assert.Equal(0x1000u, BinaryPrimitives.ReadUInt32LittleEndian(sa.AsSpan(20)));
    }

    [Fact]
    public void LongNamesUseTheFlexibleSockaddr()
    {
        string name = new('a', 100);
        var sa = new byte[SockaddrAlg.MaxSize];
        var len = SockaddrAlg.Write(sa, "hash", name);
        Assert.Equal(24 + 100 + 1, len);
        Assert.Equal(0, sa[124]);
        Assert.Equal(103, SockaddrAlg.MaxNameLength);
    }
}
