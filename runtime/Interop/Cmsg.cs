using System.Buffers.Binary;

namespace TypedAlg.Runtime.Interop;

/// <summary>
/// Control messages for SOL_ALG. LP64 layout: size_t len @0, int level @8, int type @12, data @16, each
/// message padded to 8 bytes (CMSG_SPACE).
/// </summary>
internal static class Cmsg
{
    internal const int HeaderSize = 16;

    /// <summary>ControlSize(SkcipherCore.MaxIvSize, aead: false), as a constant for fixed-size stack buffers.</summary>
    internal const int MaxCipherControl = HeaderSize + 8 + HeaderSize + ((4 + SkcipherCore.MaxIvSize + 7) & ~7);

    /// <summary>ControlSize(SkcipherCore.MaxIvSize, aead: true).</summary>
    internal const int MaxAeadControl = MaxCipherControl + HeaderSize + 8;

    internal static int Space(int dataLength) => HeaderSize + ((dataLength + 7) & ~7);

    internal static int Length(int dataLength) => HeaderSize + dataLength;

    /// <summary>Bytes needed for OP (+ IV when ivSize &gt; 0) (+ ASSOCLEN when <paramref name="aead"/>).</summary>
    internal static int ControlSize(int ivSize, bool aead) =>
        Space(4) + (ivSize > 0 ? Space(4 + ivSize) : 0) + (aead ? Space(4) : 0);

    /// <summary>
    /// Writes ALG_SET_OP, ALG_SET_IV and (for AEAD with associated data) ALG_SET_AEAD_ASSOCLEN; returns the bytes used.
    /// An AEAD message without associated data carries no ASSOCLEN: af_alg_sendmsg starts from a zeroed control
    /// block, so its length is 0 either way (libkcapi leaves it out too), and the kernel parses one message less.
    /// Send exactly the returned length: the rest of <paramref name="control"/> is not written.
    /// </summary>
    internal static int Write(Span<byte> control, uint op, ReadOnlySpan<byte> iv, int assocLength, bool aead)
    {
        aead &= assocLength != 0;
        var size = ControlSize(iv.Length, aead);
        control = control[..size];
        control.Clear();
        var at = 0;
        WriteHeader(control, AlgConstants.ALG_SET_OP, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(control[(at + HeaderSize)..], op);
        at += Space(4);
        if (iv.Length > 0)
        {
            WriteHeader(control[at..], AlgConstants.ALG_SET_IV, 4 + iv.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(control[(at + HeaderSize)..], (uint)iv.Length);
            iv.CopyTo(control[(at + HeaderSize + 4)..]);
            at += Space(4 + iv.Length);
        }

        if (aead)
        {
            WriteHeader(control[at..], AlgConstants.ALG_SET_AEAD_ASSOCLEN, 4);
            BinaryPrimitives.WriteUInt32LittleEndian(control[(at + HeaderSize)..], (uint)assocLength);
        }

        return size;
    }

    private static void WriteHeader(Span<byte> at, int type, int dataLength)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(at, (ulong)Length(dataLength));
        BinaryPrimitives.WriteInt32LittleEndian(at[8..], AlgConstants.SOL_ALG);
        BinaryPrimitives.WriteInt32LittleEndian(at[12..], type);
    }
}
