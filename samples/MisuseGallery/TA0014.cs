namespace MisuseGallery;

// TA0014 (info): a constant DRBG personalization string. Fix: include host, process and time.
public static class ConstantPersonalization
{
    public static byte[] Random()
    {
        using var drbg = new DrbgNoprSha256("misuse-gallery"u8);
        var bytes = new byte[16];
        drbg.Fill(bytes);
        return bytes;
    }
}
