namespace TypedAlg.Runtime.Interop;

/// <summary>
/// Builds struct sockaddr_alg: u16 family @0, char type[14] @2, u32 feat @16, u32 mask @20, char name[] @24.
/// Names longer than the classic 64 bytes use the flexible form, up to what fits in a sockaddr_storage.
/// </summary>
internal static class SockaddrAlg
{
    internal const int ClassicSize = 88;
    internal const int MaxSize = 128; // sizeof(struct sockaddr_storage): the kernel copies at most this much
    internal const int NameOffset = 24;
    internal const int MaxTypeLength = 13;
    internal const int MaxNameLength = Kernel.KernelFacts.MaxAlgorithmNameLength; // = MaxSize - NameOffset - 1

    /// <summary>Checks a name before any system call: printable ASCII, no NUL, and short enough.</summary>
    internal static void ValidateAlgorithmName(string algorithm, string paramName = "algorithm")
    {
        // Every core opens through here first: the one place to refuse a platform the layouts do not fit.
        PlatformCheck.ThrowIfUnsupported();
        ArgumentNullException.ThrowIfNull(algorithm, paramName);
        if (algorithm.Length == 0 || algorithm.Length > MaxNameLength)
        {
            throw new ArgumentException(
                $"The algorithm name must be 1 to {MaxNameLength} characters long; it is {algorithm.Length}.", paramName);
        }

        foreach (var c in algorithm)
        {
            if (c <= ' ' || c > '~')
            {
                throw new ArgumentException(
                    $"The algorithm name '{algorithm}' contains a character that is not printable ASCII; kernel names look like 'cbc(aes)' or 'sha256'.",
                    paramName);
            }
        }
    }

    /// <summary>Writes the address (with salg_feat/salg_mask) into <paramref name="buffer"/> (at least <see cref="MaxSize"/> bytes) and returns its length.</summary>
    internal static int Write(Span<byte> buffer, string type, string algorithm, uint feat = 0, uint mask = 0)
    {
        buffer[..MaxSize].Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(buffer, AlgConstants.AF_ALG);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buffer[16..], feat);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buffer[20..], mask);
        for (var i = 0; i < type.Length; i++)
        {
            buffer[2 + i] = (byte)type[i];
        }

        for (var i = 0; i < algorithm.Length; i++)
        {
            buffer[NameOffset + i] = (byte)algorithm[i];
        }

        return Math.Max(ClassicSize, NameOffset + algorithm.Length + 1);
    }
}
