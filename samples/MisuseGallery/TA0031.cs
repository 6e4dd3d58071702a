namespace MisuseGallery;

// TA0031 (warning): a MAC truncated to 8 bytes. Fix: keep the full MAC (code fix offered).
public static class TruncatedMac
{
    public static byte[] ShortMac(HmacSha256 hmac, byte[] data) => hmac.Compute(data).AsSpan()[..8].ToArray();
}
