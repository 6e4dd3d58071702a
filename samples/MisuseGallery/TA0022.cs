namespace MisuseGallery;

// TA0022 (warning): the plaintext buffer is used although authentication failed. Fix: do not touch it on failure.
public static class PlaintextAfterFailure
{
    public static string Decrypt(GcmAes gcm, GcmAes.Nonce nonce, byte[] ciphertext, GcmAes.Tag tag, byte[] plaintext)
    {
        if (!gcm.TryDecrypt(nonce, ciphertext, tag, plaintext))
        {
            return "forged: " + Convert.ToHexString(plaintext);
        }

        return "ok";
    }
}
