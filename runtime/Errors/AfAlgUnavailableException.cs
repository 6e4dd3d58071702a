namespace TypedAlg.Runtime;

/// <summary>The running kernel offers no AF_ALG sockets at all (socket(AF_ALG) fails with EAFNOSUPPORT).</summary>
public sealed class AfAlgUnavailableException : KernelCryptoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to enable it.</param>
    /// <param name="errno">The errno the kernel returned.</param>
    public AfAlgUnavailableException(string message, int errno)
        : base(message, errno, null)
    {
    }
}
