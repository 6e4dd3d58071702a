namespace MisuseGallery;

// TA0030 (warning): ECB is marked insecure in algorithms.json. Fix: GcmAes (or CbcAes with a random IV and a MAC).
public static class InsecureAlgorithm
{
    public static void Encrypt(EcbAes.Key128 key, byte[] data, byte[] output)
    {
        using var ecb = new EcbAes(key);
        ecb.Encrypt(data, output);
    }
}
