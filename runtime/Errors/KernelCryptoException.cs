using System.Security.Cryptography;

namespace TypedAlg.Runtime;

/// <summary>A kernel crypto API call failed. Subclasses name the common causes; <see cref="Errno"/> keeps the raw code.</summary>
public class KernelCryptoException : CryptographicException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do about it.</param>
    /// <param name="errno">The errno the kernel returned (0 when none).</param>
    /// <param name="algorithm">The kernel algorithm name involved, if any.</param>
    public KernelCryptoException(string message, int errno, string? algorithm)
        : base(message)
    {
        Errno = errno;
        Algorithm = algorithm;
        HResult = errno == 0 ? HResult : errno;
    }

    /// <summary>The errno the kernel returned (0 when none).</summary>
    public int Errno { get; }

    /// <summary>The kernel algorithm name involved, if any.</summary>
    public string? Algorithm { get; }
}
