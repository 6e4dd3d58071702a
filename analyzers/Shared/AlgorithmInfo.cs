using TypedAlg.Annotations;

namespace TypedAlg.Analyzers;

/// <summary>The algorithm a generated class binds to ([KernelAlgorithm]).</summary>
internal sealed class AlgorithmInfo
{
    public AlgorithmInfo(INamedTypeSymbol type, string name, KernelAlgorithmType kernelType, string? insecureReason, bool fipsApproved,
        string? minimumKernel = null, ImmutableArray<string>? kernels = null, RestrictedAccess restrictedAccess = RestrictedAccess.Unknown)
    {
        Type = type;
        Name = name;
        KernelType = kernelType;
        InsecureReason = insecureReason;
        FipsApproved = fipsApproved;
        MinimumKernel = minimumKernel;
        Kernels = kernels;
        RestrictedAccess = restrictedAccess;
    }

    public INamedTypeSymbol Type { get; }
    public string Name { get; }

    public KernelAlgorithmType KernelType { get; }

    public bool IsAead => KernelType == KernelAlgorithmType.Aead;
    public string? InsecureReason { get; }
    public bool FipsApproved { get; }

    /// <summary>[KernelAlgorithm(MinimumKernel = ...)].</summary>
    public string? MinimumKernel { get; }

    /// <summary>[KernelAlgorithm(Kernels = ...)]: the measured kernels that serve it; null when not measured.</summary>
    public ImmutableArray<string>? Kernels { get; }

    /// <summary>[KernelAlgorithm(RestrictedAccess = ...)].</summary>
    public RestrictedAccess RestrictedAccess { get; }
}
