using TypedAlg.Annotations;
using TypedAlg.Manifest;
using TypedAlg.Runtime.Kernel;

namespace TypedAlg.Generator.Model;

/// <summary>
/// Everything the emitters need for one generated class. Deliberately holds no location: moving an
/// entry inside the file (or editing the entry above it) must not change this value, so only the
/// edited entry's class is regenerated.
/// </summary>
internal sealed record AlgorithmSpec(
    string Namespace,
    string ManifestName,
    string ClassName,
    string KernelName,
    KernelAlgorithmType Kind,
    string? Description,
    EquatableArray<int> KeySizes,
    int MinimumKeySize,
    int IvSize,
    int BlockSize,
    bool WholeBlocks,
    int NonceSize,
    NonceEncoding NonceEncoding,
    int TagSize,
    int DigestSize,
    bool FipsApproved,
    string? InsecureReason,
    string? MinimumKernel,
    EquatableArray<string>? Kernels,
    RestrictedAccess RestrictedAccess,
    string? Driver = null,
    bool HardwareOnly = false)
{
    /// <summary>What the emitters need from a checked manifest entry: absent sizes are 0, absent flags false.</summary>
    public static AlgorithmSpec From(string ns, string manifestName, ManifestEntry e) => new(
        ns, manifestName, e.Class, e.KernelName, e.Type, e.Description,
        (e.KeySizes ?? Array.Empty<int>()).OrderBy(k => k).ToEquatableArray(), e.MinimumKeySize ?? 0, e.IvSize ?? 0,
        e.BlockSize ?? 0, e.WholeBlocks ?? false, e.NonceSize ?? 0,
        e.NonceEncoding == ManifestFormat.CcmNonceEncoding ? NonceEncoding.Ccm : NonceEncoding.Raw,
        e.TagSize ?? 0, e.DigestSize ?? 0, e.FipsApproved ?? false, e.Insecure, e.MinimumKernel,
        e.Kernels?.ToEquatableArray(), e.RestrictedAccess ?? RestrictedAccess.Unknown, e.Driver, e.HardwareOnly ?? false);

    /// <summary>Whether the manifest pins a driver or asks for hardware only (the class then binds a DriverSelection).</summary>
    public bool PinsDriver => Driver is not null || HardwareOnly;

    /// <summary>A hash entry with a key (HMAC, CMAC).</summary>
    public bool IsKeyedHash => Kind == KernelAlgorithmType.Hash && (KeySizes.Count > 0 || MinimumKeySize > 0);

    /// <summary>The IV length the kernel expects for an AEAD (differs from the nonce for CCM).</summary>
    public int KernelIvSize => NonceEncoding == NonceEncoding.Ccm ? KernelFacts.CcmCounterBlockSize : NonceSize;

    /// <summary>Unique per manifest file and class, so two manifests never collide.</summary>
    public string HintName => $"{ManifestName}.{Namespace}.{ClassName}.g.cs";
}
