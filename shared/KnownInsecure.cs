using System;

namespace TypedAlg.Manifest;

/// <summary>
/// Kernel algorithms known to be insecure, so a manifest entry that lists one without saying why
/// still gets flagged (TA1009) and its uses still get the analyzers' warning.
/// Shared with the CLI (linked), whose `manifest import` marks such entries as the generator expects.
/// </summary>
internal static class KnownInsecure
{
    // Matched against the parts of a kernel or driver name ("ecb-aes-aesni" -> ecb, aes, aesni).
    private static readonly (string Part, string Reason)[] Parts =
    {
        ("ecb", "ECB encrypts equal plaintext blocks to equal ciphertext blocks, revealing patterns"),
        ("md4", "MD4 collisions are trivial to compute"),
        ("md5", "MD5 collisions can be computed in seconds"),
        ("des", "DES has a 56-bit key that can be searched exhaustively"),
        ("des3_ede", "Triple DES has a 64-bit block (Sweet32) and is withdrawn by NIST"),
        ("arc4", "RC4's keystream is biased"),
    };

    /// <summary>The reason <paramref name="kernelName"/> is insecure, or null when it is not known to be.</summary>
    public static string? ReasonFor(string kernelName)
    {
        // HMAC does not rely on collision resistance: HMAC-MD5 is legacy, not broken.
        var keyed = kernelName.StartsWith("hmac", StringComparison.OrdinalIgnoreCase);
        foreach (var part in kernelName.Split(new[] { '(', ')', ',', '-' }, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var (known, reason) in Parts)
            {
                if (string.Equals(part, known, StringComparison.OrdinalIgnoreCase) && !(keyed && known == "md5"))
                    return reason;
            }
        }
        return null;
    }
}
