namespace TypedAlg.Runtime;

/// <summary>
/// AF_ALG exists, but the socket type's module (algif_hash, algif_skcipher, algif_aead, algif_rng) is not
/// loaded and could not be loaded: not built, or blacklisted (several distributions blacklist algif_aead).
/// </summary>
public sealed class AlgorithmTypeUnavailableException : AlgorithmUnavailableException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to enable it.</param>
    /// <param name="errno">The errno the kernel returned.</param>
    /// <param name="algorithm">The algorithm that was requested.</param>
    /// <param name="socketType">The AF_ALG socket type ("aead", ...).</param>
    public AlgorithmTypeUnavailableException(string message, int errno, string algorithm, string socketType)
        : base(message, errno, algorithm, UnavailableReason.SocketTypeMissing) => SocketType = socketType;

    /// <summary>The AF_ALG socket type ("hash", "skcipher", "aead" or "rng").</summary>
    public string SocketType { get; }

    /// <summary>The kernel module that serves the socket type, for example <c>algif_aead</c>.</summary>
    public string ModuleName => "algif_" + SocketType;
}
