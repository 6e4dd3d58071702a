namespace MisuseGallery;

// TA0001 (error): 16 bytes given to a 12-byte GCM nonce. Fix: received.AsSpan(0, GcmAes.Nonce.Size).
public static class InvalidConstantLength
{
    public static GcmAes.Nonce Nonce(byte[] received) => GcmAes.Nonce.Create(received.AsSpan(0, 16));
}
