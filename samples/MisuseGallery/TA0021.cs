namespace MisuseGallery;

// TA0021 (error): the result of TryDecrypt is ignored. Fix: if (!gcm.TryDecrypt(...)) throw ... (code fix offered).
public static class AuthenticationResultIgnored
{
    public static void Decrypt(GcmAes gcm, GcmAes.Nonce nonce, byte[] ciphertext, GcmAes.Tag tag, byte[] plaintext) =>
        gcm.TryDecrypt(nonce, ciphertext, tag, plaintext);
}
