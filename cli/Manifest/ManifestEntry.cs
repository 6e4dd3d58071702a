using TypedAlg.Annotations;

namespace TypedAlg.Cli.Manifest;

/// <summary>One entry of algorithms.json (docs/manifest.md, property names in ManifestFormat); null means the property is absent.</summary>
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

    public string? Notes { get; init; }
}
