using System.Security.Cryptography;

namespace TypedAlg.KernelTests.Support;

/// <summary>Reference implementations built from System.Security.Cryptography's AES block operations.</summary>
public static class Reference
{
    public static byte[] CbcEncrypt(byte[] key, byte[] iv, byte[] data)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.EncryptCbc(data, iv, PaddingMode.None);
    }

    /// <summary>CTR as the kernel's ctr(aes): the whole 16-byte block is a big-endian counter.</summary>
    public static byte[] Ctr(byte[] key, byte[] iv, byte[] data)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var blocks = (data.Length + 15) / 16;
        var counters = new byte[blocks * 16];
        var counter = (byte[])iv.Clone();
        for (var i = 0; i < blocks; i++)
        {
            counter.CopyTo(counters, i * 16);
            for (var j = 15; j >= 0 && ++counter[j] == 0; j--)
            {
            }
        }

        var stream = aes.EncryptEcb(counters, PaddingMode.None);
        var output = new byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            output[i] = (byte)(data[i] ^ stream[i]);
        }

        return output;
    }

    /// <summary>XTS-AES (IEEE 1619) encryption with ciphertext stealing; key is K1||K2, iv the 16-byte tweak.</summary>
    public static byte[] XtsEncrypt(byte[] key, byte[] iv, byte[] data)
    {
        var half = key.Length / 2;
        using var k1 = Aes.Create();
        k1.Key = key[..half];
        using var k2 = Aes.Create();
        k2.Key = key[half..];
        var t = k2.EncryptEcb(iv, PaddingMode.None);
        var full = data.Length / 16;
        var tail = data.Length % 16;
        var output = new byte[data.Length];
        var block = new byte[16];
        for (var i = 0; i < full; i++)
        {
            for (var j = 0; j < 16; j++)
            {
                block[j] = (byte)(data[i * 16 + j] ^ t[j]);
            }

            var c = k1.EncryptEcb(block, PaddingMode.None);
            for (var j = 0; j < 16; j++)
            {
                output[i * 16 + j] = (byte)(c[j] ^ t[j]);
            }

            if (i < full - 1 || tail > 0)
            {
                Double(t);
            }
        }

        if (tail > 0)
        {
            // Ciphertext stealing: the last full ciphertext block lends its head to the partial block.
            var last = (full - 1) * 16;
            var cc = output[last..(last + 16)];
            for (var j = 0; j < 16; j++)
            {
                block[j] = (byte)((j < tail ? data[full * 16 + j] : cc[j]) ^ t[j]);
            }

            var c = k1.EncryptEcb(block, PaddingMode.None);
            for (var j = 0; j < 16; j++)
            {
                output[last + j] = (byte)(c[j] ^ t[j]);
            }

            Array.Copy(cc, 0, output, full * 16, tail);
        }

        return output;
    }

    /// <summary>Multiplies the tweak by x in GF(2^128), little-endian as XTS defines.</summary>
    private static void Double(byte[] t)
    {
        var carry = 0;
        for (var j = 0; j < 16; j++)
        {
            var next = t[j] >> 7;
            t[j] = (byte)((t[j] << 1) | carry);
            carry = next;
        }

        if (carry != 0)
        {
            t[0] ^= 0x87;
        }
    }
}
