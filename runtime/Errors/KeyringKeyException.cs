namespace TypedAlg.Runtime;

/// <summary>
/// A kernel keyring key could not be used: it does not exist, was revoked or has expired, or the process
/// lacks search permission on it.
/// </summary>
public sealed class KeyringKeyException : KernelCryptoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="errno">The errno the kernel returned.</param>
    /// <param name="algorithm">The algorithm involved, if any.</param>
    /// <param name="keySerial">The key serial involved.</param>
    public KeyringKeyException(string message, int errno, string? algorithm, int keySerial)
        : base(message, errno, algorithm) => KeySerial = keySerial;

    /// <summary>The key serial involved.</summary>
    public int KeySerial { get; }
}
