namespace TypedAlg.Runtime;

/// <summary>
/// The kernel will not serve the algorithm in this process. <see cref="Reason"/> says why; the subclasses carry
/// the details of their cause. Catch this type to fall back when an algorithm is unavailable for any reason.
/// </summary>
public class AlgorithmUnavailableException : KernelCryptoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the algorithm is unavailable and what would change that.</param>
    /// <param name="errno">The errno the kernel returned.</param>
    /// <param name="algorithm">The algorithm that was requested, if any.</param>
    /// <param name="reason">The cause.</param>
    public AlgorithmUnavailableException(string message, int errno, string? algorithm, UnavailableReason reason)
        : base(message, errno, algorithm) => Reason = reason;

    /// <summary>Why the kernel does not serve the algorithm here.</summary>
    public UnavailableReason Reason { get; }
}
