using System.Security.Cryptography;
using TypedAlg.Runtime;

using TypedAlg.Tests;
namespace TypedAlg.Reliability.KernelTests.Support;

/// <summary>
/// Mixed operations with precomputed answers, so checking a result costs a comparison: the concurrency test and the
/// soak spend their time in the kernel, not in the reference implementation.
/// </summary>
public sealed class Workload
{
    public const int Kinds = 10;

    private readonly byte[][] _messages;
    private readonly byte[][] _sha256;
    private readonly byte[][] _hmac;
    private readonly byte[][] _cbc;
    private readonly byte[][] _ctr;
    private readonly byte[][] _gcmCt;
    private readonly byte[][] _gcmTag;

    public Workload(int seed)
    {
        Key = Reference.Bytes(16, seed);
        Iv = Reference.Bytes(16, seed + 1);
        Nonce = Reference.Bytes(12, seed + 2);
        Aad = Reference.Bytes(20, seed + 3);
        // Sizes around the edges: empty, one block, odd, a few KiB (all multiples of 16 for CBC).
        int[] sizes = [0, 16, 48, 256, 1024, 4096, 16, 512];
        _messages = sizes.Select((n, i) => Reference.Bytes(n, seed * 100 + i)).ToArray();
        _sha256 = _messages.Select(m => SHA256.HashData(m)).ToArray();
        _hmac = _messages.Select(m => HMACSHA256.HashData(Key, m)).ToArray();
        _cbc = _messages.Select(m => Reference.Cbc(Key, Iv, m)).ToArray();
        _ctr = _messages.Select(m => Reference.Ctr(Key, Iv, m)).ToArray();
        var gcm = _messages.Select(m => Reference.Gcm(Key, Nonce, m, Aad)).ToArray();
        _gcmCt = gcm.Select(g => g.Ciphertext).ToArray();
        _gcmTag = gcm.Select(g => g.Tag).ToArray();
    }

    public byte[] Key { get; }

    public byte[] Iv { get; }

    public byte[] Nonce { get; }

    public byte[] Aad { get; }

    /// <summary>One thread's instances; the static one-shots are shared by all threads.</summary>
    public sealed class Instances(Workload w) : IDisposable
    {
        public HashCore Hash { get; } = new("sha256", 32);

        public HashCore Hmac { get; } = new("hmac(sha256)", 32, w.Key);

        public SkcipherCore Cbc { get; } = new("cbc(aes)", w.Key, 16, 16);

        public SkcipherCore Ctr { get; } = new("ctr(aes)", w.Key, 16, 1);

        public AeadCore Gcm { get; } = new("gcm(aes)", w.Key, 12, 16);

        // Linux 7.2+ register no DRBG: there the rng slots of the mix hash instead (RngTests assert the refusal).
        public RngCore? Rng { get; } = ThisBoot.ServesDrbg ? new("drbg_nopr_hmac_sha256") : null;

        public byte[] Output { get; } = new byte[8192];

        public byte[] Tag { get; } = new byte[16];

        public void Dispose()
        {
            Hash.Dispose();
            Hmac.Dispose();
            Cbc.Dispose();
            Ctr.Dispose();
            Gcm.Dispose();
            Rng?.Dispose();
        }
    }

    /// <summary>Runs operation <paramref name="kind"/> on message <paramref name="index"/>; returns false on a wrong result.</summary>
    public bool Run(Instances x, int kind, int index)
    {
        index %= _messages.Length;
        var m = _messages[index];
        var output = x.Output.AsSpan(0, Math.Max(m.Length, 64));
        switch (kind)
        {
            case 0:
                x.Hash.HashData(m, output);
                return output[..32].SequenceEqual(_sha256[index]);
            case 1:
                HashCore.HashData("sha256", 32, m, output); // shared static one-shot (a socket per thread)
                return output[..32].SequenceEqual(_sha256[index]);
            case 2:
                x.Hmac.HashData(m, output);
                return output[..32].SequenceEqual(_hmac[index]);
            case 3:
                HashCore.MacData("hmac(sha256)", 32, Key, m, output);
                return output[..32].SequenceEqual(_hmac[index]);
            case 4:
                x.Cbc.Encrypt(Iv, m, output);
                return output[..m.Length].SequenceEqual(_cbc[index]);
            case 5:
                x.Ctr.Decrypt(Iv, _ctr[index], output);
                return output[..m.Length].SequenceEqual(m);
            case 6:
                x.Gcm.Encrypt(Nonce, m, output, x.Tag, Aad);
                return output[..m.Length].SequenceEqual(_gcmCt[index]) && x.Tag.AsSpan().SequenceEqual(_gcmTag[index]);
            case 7:
                return x.Gcm.TryDecrypt(Nonce, _gcmCt[index], _gcmTag[index], output, Aad) && output[..m.Length].SequenceEqual(m);
            case 8:
                x.Tag[0] = (byte)~_gcmTag[index][0];
                _gcmTag[index].AsSpan(1).CopyTo(x.Tag.AsSpan(1));
                return !x.Gcm.TryDecrypt(Nonce, _gcmCt[index], x.Tag, output, Aad) && !output[..m.Length].ContainsAnyExcept((byte)0);
            default:
                if (x.Rng is null)
                {
                    HashCore.HashData("sha256", 32, m, output);
                    return output[..32].SequenceEqual(_sha256[index]);
                }

                if (index % 2 == 0)
                {
                    x.Rng.Fill(output[..64]);
                }
                else
                {
                    RngCore.Fill("stdrng", output[..64]); // shared static
                }

                return output[..64].ContainsAnyExcept((byte)0);
        }
    }
}
