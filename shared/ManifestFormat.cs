using TypedAlg.Annotations;
using TypedAlg.Runtime.Kernel;

namespace TypedAlg.Manifest;

/// <summary>
/// What an algorithm manifest (algorithms.json, docs/manifest.md) may say: one list, linked into the generator, which
/// reads manifests, and the CLI, which reads and writes them. algorithms.schema.json and docs/manifest.md are held
/// to it by tests (TypedAlg.Generator.Tests ManifestFormatTests). Links with runtime/Kernel/KernelFacts.cs.
/// </summary>
internal static class ManifestFormat
{
    /// <summary>The namespace of the generated classes when the manifest names none.</summary>
    public const string DefaultNamespace = "TypedAlg";

    /// <summary>The properties of the manifest object.</summary>
    public static readonly string[] RootProperties = { "$schema", "namespace", "algorithms" };

    /// <summary>The properties of one algorithm entry, in the order the CLI writes them.</summary>
    public static readonly string[] EntryProperties =
    {
        "class", "kernelName", "type", "keySizes", "minimumKeySize", "ivSize", "blockSize", "wholeBlocks",
        "nonceSize", "nonceEncoding", "tagSize", "digestSize", "fipsApproved", "insecure", "minimumKernel",
        "kernels", "restrictedAccess", "driver", "hardwareOnly", "description", "notes",
    };

    /// <summary>The value of "nonceEncoding" for ccm(...): the nonce goes into a 16-byte counter block.</summary>
    public const string CcmNonceEncoding = "ccm";

    /// <summary>The default "nonceEncoding": the nonce is the IV.</summary>
    public const string RawNonceEncoding = "raw";

    /// <summary>The manifest's "type" (also the AF_ALG salg_type) of a socket type.</summary>
    public static string TypeName(KernelAlgorithmType type) => KernelFacts.SocketTypeName(type);

    /// <summary>The socket type a manifest "type" names, or null.</summary>
    public static KernelAlgorithmType? ParseType(string? name) => name switch
    {
        "hash" => KernelAlgorithmType.Hash,
        "skcipher" => KernelAlgorithmType.Skcipher,
        "aead" => KernelAlgorithmType.Aead,
        "rng" => KernelAlgorithmType.Rng,
        _ => null,
    };

    /// <summary>The manifest's "restrictedAccess" value of an access, or null for Unknown.</summary>
    public static string? AccessName(RestrictedAccess access) => access switch
    {
        RestrictedAccess.AnyProcess => "anyProcess",
        RestrictedAccess.Privileged => "privileged",
        RestrictedAccess.Refused => "refused",
        _ => null,
    };

    /// <summary>The access a manifest "restrictedAccess" names, or null.</summary>
    public static RestrictedAccess? ParseAccess(string? name) => name switch
    {
        "anyProcess" => RestrictedAccess.AnyProcess,
        "privileged" => RestrictedAccess.Privileged,
        "refused" => RestrictedAccess.Refused,
        _ => null,
    };
}
