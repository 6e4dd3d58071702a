using System;
using System.Collections.Generic;
using System.Linq;
using TypedAlg.Annotations;

namespace TypedAlg.Runtime.Kernel;

/// <summary>
/// Facts about the kernel's crypto API that the runtime, the generator and the CLI must agree on, each stated once.
/// Linked into the generator and the CLI (they cannot see the runtime's internals); keep it free of runtime types.
/// </summary>
/// <remarks>
/// | fact                         | value                                                                   |
/// |------------------------------|-------------------------------------------------------------------------|
/// | algorithm name length        | 1..103: sockaddr_storage (128) - salg_name offset (24) - NUL            |
/// | socket type of a /proc type  | shash, ahash: hash; skcipher, lskcipher: skcipher; aead; rng            |
/// | partial final block          | xts (ciphertext stealing), cts: any length from one block               |
/// | ccm(aes) IV                  | counter block A0 = L' (14 - nonce length), nonce (7..13 bytes), zeros   |
/// | which implementation is used | a driver name picks itself; else the highest priority of the name       |
/// | hardware only                | salg_feat = salg_mask = CRYPTO_ALG_KERN_DRIVER_ONLY (0x1000)            |
/// | off-CPU drivers              | not bound through AF_ALG from Linux 7.2 (virtio_crypto_aes_cbc: ENOENT) |
/// </remarks>
internal static class KernelFacts
{
    /// <summary>
    /// The longest algorithm or driver name a bind can carry: names past the classic 64-byte salg_name use the
    /// flexible form, up to what fits in a sockaddr_storage (the kernel copies at most 128 bytes), less the NUL.
    /// </summary>
    public const int MaxAlgorithmNameLength = 128 - 24 - 1;

    /// <summary>
    /// The first Linux whose AF_ALG no longer binds off-CPU drivers (crypto engines, virtio-crypto: upstream's "drop
    /// support for off-CPU cryptography"); /proc/crypto still lists them.
    /// </summary>
    public static readonly Version OffCpuRemovedVersion = new(7, 2);

    /// <summary>The AF_ALG salg_type of a socket type.</summary>
    public static string SocketTypeName(KernelAlgorithmType type) => type switch
    {
        KernelAlgorithmType.Hash => "hash",
        KernelAlgorithmType.Skcipher => "skcipher",
        KernelAlgorithmType.Aead => "aead",
        KernelAlgorithmType.Rng => "rng",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Allowed: Hash, Skcipher, Aead, Rng."),
    };

    /// <summary>The AF_ALG socket type that serves a /proc/crypto "type", or null when no socket type does.</summary>
    public static KernelAlgorithmType? SocketTypeOf(string procType) => procType switch
    {
        "shash" or "ahash" => KernelAlgorithmType.Hash,
        "skcipher" or "lskcipher" => KernelAlgorithmType.Skcipher,
        "aead" => KernelAlgorithmType.Aead,
        "rng" => KernelAlgorithmType.Rng,
        _ => null,
    };

    /// <summary>
    /// Whether a block cipher mode takes a final partial block (XTS and CTS steal ciphertext), so inputs need not be
    /// whole blocks.
    /// </summary>
    public static bool AllowsPartialFinalBlock(string algorithm) =>
        algorithm.IndexOf("xts", StringComparison.Ordinal) >= 0 || algorithm.IndexOf("cts", StringComparison.Ordinal) >= 0;

    /// <summary>The size of the ccm(aes) IV: one AES block, the CCM counter block A0.</summary>
    public const int CcmCounterBlockSize = 16;

    /// <summary>The shortest CCM nonce (L = 8).</summary>
    public const int CcmMinNonceSize = 7;

    /// <summary>The longest CCM nonce (L = 2).</summary>
    public const int CcmMaxNonceSize = 13;

    /// <summary>
    /// The flags byte of A0 is L' = L - 1 with L = 15 - nonce length (RFC 3610, NIST SP 800-38C): this minus the nonce
    /// length.
    /// </summary>
    public const int CcmFlagsBase = 14;

    /// <summary>Writes the ccm(aes) IV for a nonce: L', the nonce, then a zero counter.</summary>
    public static void WriteCcmCounterBlock(ReadOnlySpan<byte> nonce, Span<byte> block)
    {
        if (nonce.Length < CcmMinNonceSize || nonce.Length > CcmMaxNonceSize || block.Length != CcmCounterBlockSize)
            throw new ArgumentException($"A CCM nonce has {CcmMinNonceSize} to {CcmMaxNonceSize} bytes and its counter block {CcmCounterBlockSize}.");
        block.Clear();
        block[0] = (byte)(CcmFlagsBase - nonce.Length);
        nonce.CopyTo(block.Slice(1));
    }

    /// <summary>
    /// The /proc/crypto entry the kernel binds for a name: the entry whose driver is the name, else the highest-priority
    /// entry of that algorithm name.
    /// </summary>
    public static T? Preferred<T>(IEnumerable<T> candidates, string name, Func<T, string> driver, Func<T, int> priority)
        where T : class =>
        candidates.OrderByDescending(e => driver(e) == name).ThenByDescending(priority).FirstOrDefault();
}
