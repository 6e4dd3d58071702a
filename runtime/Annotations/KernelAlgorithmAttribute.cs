namespace TypedAlg.Annotations;

/// <summary>Describes the kernel algorithm a generated class binds to.</summary>
/// <remarks>The analyzers read it for rules about the algorithm itself (insecure choices, FIPS, the kernels and policies that serve it).</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KernelAlgorithmAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The kernel algorithm or driver name, for example <c>cbc(aes)</c>.</param>
    /// <param name="type">The AF_ALG socket type.</param>
    public KernelAlgorithmAttribute(string name, KernelAlgorithmType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The kernel algorithm or driver name.</summary>
    public string Name { get; }

    /// <summary>The AF_ALG socket type.</summary>
    public KernelAlgorithmType Type { get; }

    /// <summary>Why the algorithm is insecure, or <c>null</c> when the manifest names no reason.</summary>
    public string? InsecureReason { get; set; }

    /// <summary>Whether a kernel in FIPS mode serves this algorithm.</summary>
    public bool FipsApproved { get; set; }

    /// <summary>The first kernel version that has the algorithm, when the manifest says so (for example "6.2").</summary>
    public string? MinimumKernel { get; set; }

    /// <summary>
    /// The kernels of TypedAlg's test matrix (for example "6.12", "7.3") that serve the algorithm, as measured and
    /// recorded in the manifest's <c>kernels</c>; <c>null</c> when the manifest does not say.
    /// </summary>
    public string[]? Kernels { get; set; }

    /// <summary>Who may bind it under Linux 7.3's default AF_ALG policy (<c>crypto.af_alg_restrict=1</c>), as the manifest records it.</summary>
    public RestrictedAccess RestrictedAccess { get; set; }
}
