using System;
using System.Linq;

namespace TypedAlg.Manifest;

/// <summary>
/// Which kernel algorithm names the managed backend (TypedAlg.Managed) serves, and why the others never fall back.
/// Linked into the generator (to document each class), the CLI and TypedAlg.Managed, whose table must list exactly
/// these names (a test checks it).
/// </summary>
internal static class ManagedFallback
{
    /// <summary>The kernel names with a managed core, by kernel name, so a user's entry with the same name gets it too.</summary>
    public static readonly string[] Names =
    {
        "md5", "sha1", "sha256", "sha384", "sha512", "sha3-256", "sha3-384", "sha3-512",
        "hmac(md5)", "hmac(sha1)", "hmac(sha256)", "hmac(sha384)", "hmac(sha512)", "hmac(sha3-256)", "hmac(sha3-384)", "hmac(sha3-512)",
        "cmac(aes)", "cbc(aes)", "ecb(aes)", "ctr(aes)", "gcm(aes)", "ccm(aes)", "rfc7539(chacha20,poly1305)",
    };

    /// <summary>Whether <paramref name="kernelName"/> has a managed core (on a platform whose BCL has the primitive).</summary>
    public static bool Has(string kernelName) => Names.Contains(kernelName, StringComparer.Ordinal);

    /// <summary>Why <paramref name="kernelName"/> has no managed core; null when it has one.</summary>
    public static string? WhyNone(string kernelName)
    {
        if (Has(kernelName))
            return null;
        if (kernelName.StartsWith("xts(", StringComparison.Ordinal))
            return ".NET has no XTS mode, and building one from AES-ECB is not a sound mapping for a disk-encryption mode the kernel provides.";
        if (kernelName.StartsWith("drbg_", StringComparison.Ordinal) || kernelName == "stdrng" || kernelName == "ansi_cprng")
            return "the class promises a specific SP 800-90A DRBG, which System.Security.Cryptography does not expose; for random bytes use RandomNumberGenerator.";
        return $"TypedAlg.Managed maps no algorithm named '{kernelName}' (the mapped names are listed in docs/managed-backend.md).";
    }
}
