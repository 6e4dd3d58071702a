namespace TypedAlg.Runtime;

/// <summary>A key change was refused because an operation socket already uses the current key (EBUSY).</summary>
public sealed class KeyInUseException : KernelCryptoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="algorithm">The algorithm involved.</param>
    public KeyInUseException(string message, string? algorithm)
        : base(message, Interop.Errno.EBUSY, algorithm)
    {
    }
}
