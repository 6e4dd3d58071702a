using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ControlSize(int ivSize, bool aead) =>
        Space(4) + (ivSize > 0 ? Space(4 + ivSize) : 0) + (aead ? Space(4) : 0);

    /// <summary>
    /// Writes ALG_SET_OP, ALG_SET_IV and (for AEAD with associated data) ALG_SET_AEAD_ASSOCLEN; returns the bytes used.
    /// An AEAD message without associated data carries no ASSOCLEN: af_alg_sendmsg starts from a zeroed control
    /// block, so its length is 0 either way (libkcapi leaves it out too), and the kernel parses one message less.
    /// Every byte up to the returned length is written, padding included; send exactly that length.
    /// </summary>
    /// <remarks>
    /// Runs on every cipher and AEAD operation: plain stores after one bounds check. The span-by-span version (Clear,
    /// BinaryPrimitives, CopyTo) was 218 instructions for a 16-byte IV under icount, a third of the runtime's own cost
    /// of a 16-byte CBC encryption (bench/README.md). The fields are native-endian, like the kernel's.
    /// </remarks>
    internal static int Write(Span<byte> control, uint op, ReadOnlySpan<byte> iv, int assocLength, bool aead)
    {
        aead &= assocLength != 0;
        var size = ControlSize(iv.Length, aead);
        ref var at = ref MemoryMarshal.GetReference(control[..size]);
        WriteHeader(ref at, AlgConstants.ALG_SET_OP, 4, op);
        at = ref Unsafe.Add(ref at, Space(4));
        if (iv.Length > 0)
        {
            // The padding after the IV first (the message's last 8 bytes), then header and IV over the rest of it.
            var space = Space(4 + iv.Length);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, space - 8), 0UL);
            WriteHeader(ref at, AlgConstants.ALG_SET_IV, 4 + iv.Length, (uint)iv.Length);
            CopyIv(ref Unsafe.Add(ref at, HeaderSize + 4), iv);
            at = ref Unsafe.Add(ref at, space);
        }

        if (aead)
        {
            WriteHeader(ref at, AlgConstants.ALG_SET_AEAD_ASSOCLEN, 4, (uint)assocLength);
        }

        return size;
    }

    /// <summary>cmsghdr { size_t len; int level; int type; } and a 4-byte value, zero-padded to 8 bytes.</summary>
    private static void WriteHeader(ref byte at, int type, int dataLength, uint value)
    {
        Unsafe.WriteUnaligned(ref at, (ulong)Length(dataLength));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, 8), AlgConstants.SOL_ALG);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, 12), type);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, 16), (ulong)value);
    }

    /// <summary>The usual IV sizes (16: CBC, CTR, XTS; 12: GCM, ChaCha20-Poly1305) as two stores, others by a copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyIv(ref byte to, ReadOnlySpan<byte> iv)
    {
        ref var from = ref MemoryMarshal.GetReference(iv);
        switch (iv.Length)
        {
            case 16:
                Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, 8)));
                break;
            case 12:
                Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, 8), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref from, 8)));
                break;
            default:
                Unsafe.CopyBlockUnaligned(ref to, ref from, (uint)iv.Length);
                break;
        }
    }
}
