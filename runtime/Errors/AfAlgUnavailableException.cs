namespace TypedAlg.Runtime;

/// <summary>
/// This process cannot create AF_ALG sockets at all: the kernel has none (<see cref="UnavailableReason.AfAlgMissing"/>),
/// its policy switched them off (<see cref="UnavailableReason.AfAlgDisabledByPolicy"/>), or a sandbox such as a
/// container's seccomp profile blocks them (<see cref="UnavailableReason.AfAlgBlockedBySandbox"/>).
/// </summary>
public sealed class AfAlgUnavailableException : AlgorithmUnavailableException
{
    /// <summary>Creates the exception for a kernel without AF_ALG.</summary>
    /// <param name="message">What is missing and how to enable it.</param>
    /// <param name="errno">The errno the kernel returned.</param>
    public AfAlgUnavailableException(string message, int errno)
        : this(message, errno, UnavailableReason.AfAlgMissing)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why socket(AF_ALG) failed and how to allow it.</param>
    /// <param name="errno">The errno the kernel returned.</param>
    /// <param name="reason">AfAlgMissing, AfAlgDisabledByPolicy or AfAlgBlockedBySandbox.</param>
    public AfAlgUnavailableException(string message, int errno, UnavailableReason reason)
        : base(message, errno, null, reason)
    {
    }
}
