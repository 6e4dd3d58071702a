using System.Security.Cryptography;
using TypedAlg.Manifest;

namespace TypedAlg.Managed;

/// <summary>What serves a kernel algorithm name on the managed backend.</summary>
internal enum ManagedKind
{
    Hash,
    Hmac,
    CmacAes,
    CbcAes,
    EcbAes,
    CtrAes,
    GcmAes,
    CcmAes,
    ChaCha20Poly1305,
}

/// <summary>One row of the table: the kind of core and, for hashes and HMAC, the BCL hash.</summary>
internal sealed record ManagedMapping(ManagedKind Kind, HashAlgorithmName Hash = default)
{
    /// <summary>Whether this process's BCL has the primitive (SHA-3 and ChaCha20-Poly1305 depend on the platform's crypto library).</summary>
    public bool IsSupported => Kind switch
    {
        ManagedKind.Hash or ManagedKind.Hmac when Hash == HashAlgorithmName.SHA3_256 => SHA3_256.IsSupported,
        ManagedKind.Hash or ManagedKind.Hmac when Hash == HashAlgorithmName.SHA3_384 => SHA3_384.IsSupported,
        ManagedKind.Hash or ManagedKind.Hmac when Hash == HashAlgorithmName.SHA3_512 => SHA3_512.IsSupported,
        ManagedKind.GcmAes => AesGcm.IsSupported,
        ManagedKind.CcmAes => AesCcm.IsSupported,
        ManagedKind.ChaCha20Poly1305 => System.Security.Cryptography.ChaCha20Poly1305.IsSupported,
        _ => true,
    };
}

/// <summary>
/// The one table from kernel algorithm names to managed cores. Keyed by the kernel name, not the class, so a user's
/// manifest entry with the same kernel name gets the same fallback. Names not here have no managed backend, and
/// <see cref="WhyNone"/> says why.
/// </summary>
internal static class ManagedAlgorithms
{
    private static readonly Dictionary<string, ManagedMapping> s_map = new(StringComparer.Ordinal)
    {
        ["md5"] = new(ManagedKind.Hash, HashAlgorithmName.MD5),
        ["sha1"] = new(ManagedKind.Hash, HashAlgorithmName.SHA1),
        ["sha256"] = new(ManagedKind.Hash, HashAlgorithmName.SHA256),
        ["sha384"] = new(ManagedKind.Hash, HashAlgorithmName.SHA384),
        ["sha512"] = new(ManagedKind.Hash, HashAlgorithmName.SHA512),
        ["sha3-256"] = new(ManagedKind.Hash, HashAlgorithmName.SHA3_256),
        ["sha3-384"] = new(ManagedKind.Hash, HashAlgorithmName.SHA3_384),
        ["sha3-512"] = new(ManagedKind.Hash, HashAlgorithmName.SHA3_512),
        ["hmac(md5)"] = new(ManagedKind.Hmac, HashAlgorithmName.MD5),
        ["hmac(sha1)"] = new(ManagedKind.Hmac, HashAlgorithmName.SHA1),
        ["hmac(sha256)"] = new(ManagedKind.Hmac, HashAlgorithmName.SHA256),
        ["hmac(sha384)"] = new(ManagedKind.Hmac, HashAlgorithmName.SHA384),
        ["hmac(sha512)"] = new(ManagedKind.Hmac, HashAlgorithmName.SHA512),
        ["hmac(sha3-256)"] = new(ManagedKind.Hmac, HashAlgorithmName.SHA3_256),
        ["hmac(sha3-384)"] = new(ManagedKind.Hmac, HashAlgorithmName.SHA3_384),
        ["hmac(sha3-512)"] = new(ManagedKind.Hmac, HashAlgorithmName.SHA3_512),
        ["cmac(aes)"] = new(ManagedKind.CmacAes),     // Primitives/AesCmac (RFC 4493) on the BCL's AES-ECB
        ["cbc(aes)"] = new(ManagedKind.CbcAes),
        ["ecb(aes)"] = new(ManagedKind.EcbAes),
        ["ctr(aes)"] = new(ManagedKind.CtrAes),       // Primitives/AesCtr (SP 800-38A) on the BCL's AES-ECB
        ["gcm(aes)"] = new(ManagedKind.GcmAes),
        ["ccm(aes)"] = new(ManagedKind.CcmAes),
        ["rfc7539(chacha20,poly1305)"] = new(ManagedKind.ChaCha20Poly1305),
    };

    /// <summary>The kernel names with a managed backend.</summary>
    public static IReadOnlyCollection<string> Names => s_map.Keys;

    /// <summary>The mapping for <paramref name="algorithm"/>, or null when it has none (or this platform's BCL lacks it).</summary>
    public static ManagedMapping? Find(string algorithm)
        => s_map.TryGetValue(algorithm, out var mapping) && mapping.IsSupported ? mapping : null;

    /// <summary>Why <paramref name="algorithm"/> has no managed backend; null when it has one.</summary>
    public static string? WhyNone(string algorithm)
    {
        if (Find(algorithm) is not null)
            return null;
        return s_map.ContainsKey(algorithm)
            ? $"this platform's System.Security.Cryptography does not provide '{algorithm}' (it depends on the OS crypto library)."
            : ManagedFallback.WhyNone(algorithm);
    }

    /// <summary>The exception for an algorithm without a managed backend.</summary>
    public static NoManagedBackendException NoBackend(string algorithm, Exception? kernelRefusal)
    {
        var why = WhyNone(algorithm) ?? "it was asked for with the wrong socket type.";
        var message = $"'{algorithm}' has no managed backend: {why}";
        if (kernelRefusal is not null)
            message += $" The kernel refused it first: {kernelRefusal.Message}";
        return new NoManagedBackendException(message, algorithm, kernelRefusal);
    }
}
