namespace MisuseGallery;

// TA0050 (warning): the instance (two kernel sockets) is never disposed. Fix: using var (code fix offered).
public static class NotDisposed
{
    public static GcmAes.Tag Encrypt(GcmAes.Key128 key, byte[] output)
    {
        var gcm = new GcmAes(key);
        gcm.Encrypt(GcmAes.Nonce.Random(), "data"u8, output, out var tag);
        return tag;
    }
}
