namespace MisuseGallery;

// TA0010 (warning): a key in the source code. Fix: load it from a key store or the kernel keyring (FromKeyring).
public static class HardCodedKey
{
    public static GcmAes.Key128 Key() => GcmAes.Key128.FromHex("000102030405060708090a0b0c0d0e0f");
}
