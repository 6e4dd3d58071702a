using TypedAlg.Annotations;

namespace TypedAlg.Manifest;

/// <summary>
/// One entry of algorithms.json as written (docs/manifest.md; property names in <see cref="ManifestFormat"/>): null
/// means the property is absent. The one model of an entry: the generator reads a manifest into it before it checks
/// sizes and builds what it emits; the CLI reads, imports and writes it.
/// </summary>
internal sealed record ManifestEntry
{
    public required string Class { get; init; }

    public required string KernelName { get; init; }

    public required KernelAlgorithmType Type { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<int>? KeySizes { get; init; }

    public int? MinimumKeySize { get; init; }

    public int? IvSize { get; init; }

    public int? BlockSize { get; init; }

    public bool? WholeBlocks { get; init; }

    public int? NonceSize { get; init; }

    public string? NonceEncoding { get; init; }

    public int? TagSize { get; init; }

    public int? DigestSize { get; init; }

    public bool? FipsApproved { get; init; }

    public string? Insecure { get; init; }

    public string? MinimumKernel { get; init; }

    /// <summary>The driver to bind by name instead of the kernel's choice, e.g. "virtio_crypto_aes_cbc".</summary>
    public string? Driver { get; init; }

    /// <summary>Bind only an implementation flagged CRYPTO_ALG_KERN_DRIVER_ONLY (hardware or nothing).</summary>
    public bool? HardwareOnly { get; init; }

    /// <summary>The kernels it was measured on that serve it (versions such as "6.12").</summary>
    public IReadOnlyList<string>? Kernels { get; init; }

    /// <summary>Who may bind it while crypto.af_alg_restrict is 1 (Linux 7.3's default).</summary>
    public RestrictedAccess? RestrictedAccess { get; init; }

    public string? Notes { get; init; }
}
