using System.Runtime.InteropServices;

namespace TypedAlg.Runtime.Interop;

/// <summary>System call numbers for calls glibc does not wrap (add_key, keyctl live in libkeyutils).</summary>
internal static class SyscallNumbers
{
    internal static nint AddKey => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 248,
        Architecture.Arm64 => 217,
        _ => throw new PlatformNotSupportedException("add_key is wired for x64 and arm64 only."),
    };

    internal static nint KeyCtl => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 250,
        Architecture.Arm64 => 219,
        _ => throw new PlatformNotSupportedException("keyctl is wired for x64 and arm64 only."),
    };
}
