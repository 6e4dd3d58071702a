namespace MisuseGallery;

// TA0002 (error): CBC input of 20 bytes is not whole 16-byte blocks. Fix: pad to a multiple of 16.
public static class BlockSize
{
    public static void Encrypt(CbcAes cbc, CbcAes.Iv iv, byte[] output) => cbc.Encrypt(iv, new byte[20], output);
}
