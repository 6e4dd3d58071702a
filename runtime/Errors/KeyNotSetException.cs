namespace TypedAlg.Runtime;

/// <summary>The operation needs a key and none was set on the socket (ENOKEY).</summary>
public sealed class KeyNotSetException : KernelCryptoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="algorithm">The algorithm involved.</param>
    public KeyNotSetException(string message, string? algorithm)
        : base(message, Interop.Errno.ENOKEY, algorithm)
    {
    }
}
