using System.Runtime.InteropServices;

namespace TypedAlg.Runtime.Interop;

/// <summary>
/// The control-message (<see cref="Cmsg"/>) and address (<see cref="SockaddrAlg"/>) layouts are written for LP64
/// little-endian Linux (x86-64, arm64, ...). Elsewhere the kernel would only answer EINVAL; refuse clearly instead,
/// at the first use, before any system call.
/// </summary>
internal static class PlatformCheck
{
    private static readonly string? s_unsupported = Describe(BitConverter.IsLittleEndian, IntPtr.Size, RuntimeInformation.ProcessArchitecture);

    /// <summary>Throws <see cref="PlatformNotSupportedException"/> on a 32-bit or big-endian process.</summary>
    internal static void ThrowIfUnsupported()
    {
        if (s_unsupported is not null)
        {
            throw new PlatformNotSupportedException(s_unsupported);
        }
    }

    /// <summary>Null when supported, else the message naming the platform (separate for host tests).</summary>
    internal static string? Describe(bool littleEndian, int pointerSize, Architecture architecture)
    {
        if (littleEndian && pointerSize == 8)
        {
            return null;
        }

        var what = (pointerSize == 8 ? "64-bit" : $"{pointerSize * 8}-bit") + (littleEndian ? " little-endian" : " big-endian");
        return $"TypedAlg supports 64-bit little-endian Linux processes only (its AF_ALG control messages and addresses use that layout); this process is {architecture} ({what}).";
    }
}
