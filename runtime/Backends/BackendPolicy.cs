namespace TypedAlg.Runtime;

/// <summary>
/// How a generated class picks its <see cref="Backend"/>. Set per project with
/// <c>&lt;TypedAlgBackend&gt;Kernel|KernelThenManaged|Managed&lt;/TypedAlgBackend&gt;</c> (Kernel when absent) and overridable
/// per instance by the constructors that take a policy. Never chosen by TypedAlg itself.
/// </summary>
public enum BackendPolicy
{
    /// <summary>The kernel only; when it does not serve the algorithm the constructor throws (the default).</summary>
    Kernel,

    /// <summary>
    /// The kernel, and System.Security.Cryptography when the kernel refuses the algorithm as unavailable
    /// (<see cref="AlgorithmUnavailableException"/> and its subclasses). Other errors, such as a bad key, are not a reason to fall back.
    /// </summary>
    KernelThenManaged,

    /// <summary>System.Security.Cryptography only, for machines without AF_ALG (tests, Windows, macOS).</summary>
    Managed,
}
