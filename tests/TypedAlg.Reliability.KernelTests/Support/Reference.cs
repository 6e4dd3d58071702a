using System.Security.Cryptography;

namespace TypedAlg.Reliability.KernelTests.Support;

/// <summary>Expected results from System.Security.Cryptography (OpenSSL underneath), never from AF_ALG.</summary>
public static class Reference
{
    public static byte[] Bytes(int length, int seed)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }

    public static byte[] Cbc(byte[] key, byte[] iv, byte[] data) => global::TypedAlg.KernelTests.Support.Reference.CbcEncrypt(key, iv, data);

    public static (byte[] Ciphertext, byte[] Tag) Gcm(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad)
    {
        using var gcm = new AesGcm(key, 16);
        var ct = new byte[plaintext.Length];
        var tag = new byte[16];
        gcm.Encrypt(nonce, plaintext, ct, tag, aad);
        return (ct, tag);
    }

    /// <summary>CTR as the kernel's ctr(aes): the whole 16-byte block is a big-endian counter.</summary>
    public static byte[] Ctr(byte[] key, byte[] iv, byte[] data) => global::TypedAlg.KernelTests.Support.Reference.Ctr(key, iv, data);
}
