namespace TypedAlg.Annotations;

/// <summary>Describes the kernel algorithm a generated class binds to.</summary>
/// <remarks>The analyzers read it for rules about the algorithm itself (insecure choices, FIPS).</remarks>
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
}
