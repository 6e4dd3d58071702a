namespace MisuseGallery;

// TA0012 (warning): one nonce for two messages on the same key. Fix: a fresh nonce per Encrypt.
public static class NonceReuse
{
    public static void Encrypt(GcmAes gcm, byte[] first, byte[] second)
    {
        var nonce = GcmAes.Nonce.Random();
        gcm.Encrypt(nonce, "one"u8, first, out _);
        gcm.Encrypt(nonce, "two"u8, second, out _);
    }
}
