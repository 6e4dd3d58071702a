namespace TypedAlg.Managed;

/// <summary>
/// The algorithm has no managed backend, so a fallback or managed-only policy cannot serve it. The message says why
/// (XTS: .NET has no XTS; DRBGs: the class promises a specific SP 800-90A generator) and, when the kernel refused
/// first, its reason; <see cref="Exception.InnerException"/> is then the kernel's exception.
/// </summary>
public sealed class NoManagedBackendException : NotSupportedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why there is no managed backend, and the kernel's reason when it refused.</param>
    /// <param name="algorithm">The kernel algorithm name.</param>
    /// <param name="kernelRefusal">The kernel's refusal, when the kernel was asked first.</param>
    public NoManagedBackendException(string message, string algorithm, Exception? kernelRefusal)
        : base(message, kernelRefusal) => Algorithm = algorithm;

    /// <summary>The kernel algorithm name.</summary>
    public string Algorithm { get; }
}
