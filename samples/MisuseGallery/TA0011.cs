namespace MisuseGallery;

// TA0011 (error for AEAD): an all-zero nonce, never written. Fix: GcmAes.Nonce.Random() (code fix offered).
public static class ConstantNonce
{
    public static GcmAes.Nonce Nonce()
    {
        var bytes = new byte[12];
        return GcmAes.Nonce.Create(bytes);
    }
}
