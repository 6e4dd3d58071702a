using TypedAlg.Annotations;

namespace TypedAlg.Analyzers;

/// <summary>The algorithm a generated class binds to: what its [KernelAlgorithm] says.</summary>
internal sealed class AlgorithmInfo(INamedTypeSymbol type, string name, KernelAlgorithmType kernelType, string? insecureReason, bool fipsApproved,
    string? minimumKernel = null, ImmutableArray<string>? kernels = null, RestrictedAccess restrictedAccess = RestrictedAccess.Unknown)
{
    /// <summary>The generated class.</summary>
    public INamedTypeSymbol Type => type;

    /// <summary>The kernel algorithm or driver name.</summary>
    public string Name => name;

    /// <summary>The AF_ALG socket type.</summary>
    public KernelAlgorithmType KernelType => kernelType;

    public bool IsAead => KernelType == KernelAlgorithmType.Aead;

    /// <summary>[KernelAlgorithm(InsecureReason = ...)].</summary>
    public string? InsecureReason => insecureReason;

    /// <summary>[KernelAlgorithm(FipsApproved = ...)].</summary>
    public bool FipsApproved => fipsApproved;

    /// <summary>[KernelAlgorithm(MinimumKernel = ...)].</summary>
    public string? MinimumKernel => minimumKernel;

    /// <summary>[KernelAlgorithm(Kernels = ...)]: the measured kernels that serve it; null when not measured.</summary>
    public ImmutableArray<string>? Kernels => kernels;

    /// <summary>[KernelAlgorithm(RestrictedAccess = ...)].</summary>
    public RestrictedAccess RestrictedAccess => restrictedAccess;
}
