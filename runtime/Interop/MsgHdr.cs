using System.Runtime.InteropServices;

namespace TypedAlg.Runtime.Interop;

/// <summary>struct iovec (LP64: 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public byte* Base;
    public nuint Length;

    public IoVec(byte* @base, int length)
    {
        Base = @base;
        Length = (nuint)length;
    }
}

/// <summary>struct msghdr (LP64: 56 bytes; the int name length is padded to 8).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}
