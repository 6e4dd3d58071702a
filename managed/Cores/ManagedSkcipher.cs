using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using TypedAlg.Managed.Primitives;
using TypedAlg.Runtime;

namespace TypedAlg.Managed.Cores;

/// <summary>
/// cbc(aes), ecb(aes) and ctr(aes) on the BCL's <see cref="Aes"/> (CTR through <see cref="AesCtr"/>). Every message goes
/// through <see cref="Transform"/>, which also leaves the IV where the next piece of a stream continues, as the kernel
/// chains it: the last ciphertext block for CBC, the next counter block for CTR.
/// </summary>
internal sealed class ManagedSkcipher : ISkcipherBackend
{
    private const int AesBlock = 16;

    private readonly ManagedKind _mode;
    private readonly Aes? _aes;     // CBC, ECB
    private readonly AesCtr? _ctr;  // CTR

    private ManagedSkcipher(ManagedKind mode, ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24 or 32))
            throw new ArgumentException($"An AES key is 16, 24 or 32 bytes, not {key.Length}.", nameof(key));
        _mode = mode;
        if (mode == ManagedKind.CtrAes)
        {
            _ctr = new AesCtr(key);
        }
        else
        {
            _aes = Aes.Create();
            _aes.SetKey(key); // the BCL object holds the key schedule; disposed with this instance
        }
    }

    public int IvSize => _mode == ManagedKind.EcbAes ? 0 : AesBlock;

    public int BlockSize => _mode == ManagedKind.CtrAes ? 1 : AesBlock;

    public string Driver => _mode switch
    {
        ManagedKind.CtrAes => "TypedAlg.Managed AES-CTR (SP 800-38A) on System.Security.Cryptography.Aes",
        ManagedKind.EcbAes => "System.Security.Cryptography.Aes (ECB)",
        _ => "System.Security.Cryptography.Aes (CBC)",
    };

    /// <summary>Checks the sizes the generated class declared against what the mode is, as the kernel path would fail.</summary>
    public static ManagedSkcipher Create(ManagedKind mode, ReadOnlySpan<byte> key, int ivSize, int blockSize)
    {
        var cipher = new ManagedSkcipher(mode, key);
        if (ivSize != cipher.IvSize || blockSize != cipher.BlockSize)
        {
            cipher.Dispose();
            throw new ArgumentException($"The managed {mode} takes a {cipher.IvSize}-byte IV and block size {cipher.BlockSize}, not {ivSize} and {blockSize}.");
        }

        return cipher;
    }

    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination)
        => OneShot(encrypt: true, iv, source, destination);

    public void Decrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination)
        => OneShot(encrypt: false, iv, source, destination);

    public ISkcipherStream CreateEncryptor(ReadOnlySpan<byte> iv) => new ManagedSkcipherStream(this, encrypt: true, CheckedIv(iv));

    public ISkcipherStream CreateDecryptor(ReadOnlySpan<byte> iv) => new ManagedSkcipherStream(this, encrypt: false, CheckedIv(iv));

    public void Dispose()
    {
        _aes?.Dispose();
        _ctr?.Dispose();
    }

    /// <summary>
    /// Transforms whole blocks (CTR: any length, but only the last piece may end inside a block) and advances
    /// <paramref name="iv"/> to where the next piece continues. Source and destination may be the same memory.
    /// </summary>
    internal void Transform(bool encrypt, Span<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
            return;
        switch (_mode)
        {
            case ManagedKind.CtrAes:
                _ctr!.Transform(iv, source, destination);
                AddToCounter(iv, (source.Length + AesBlock - 1) / AesBlock);
                break;
            case ManagedKind.EcbAes when encrypt:
                _aes!.EncryptEcb(source, destination, PaddingMode.None);
                break;
            case ManagedKind.EcbAes:
                _aes!.DecryptEcb(source, destination, PaddingMode.None);
                break;
            case ManagedKind.CbcAes when encrypt:
                _aes!.EncryptCbc(source, iv, destination, PaddingMode.None);
                destination.Slice(source.Length - AesBlock, AesBlock).CopyTo(iv);
                break;
            default:
                // Decrypting in place overwrites the last ciphertext block, which is the next IV: keep it first.
                Span<byte> next = stackalloc byte[AesBlock];
                source[^AesBlock..].CopyTo(next);
                _aes!.DecryptCbc(source, iv, destination, PaddingMode.None);
                next.CopyTo(iv);
                break;
        }
    }

    private void OneShot(bool encrypt, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Span<byte> chained = stackalloc byte[AesBlock];
        CheckedIv(iv).CopyTo(chained);
        if (destination.Length < source.Length)
            throw new ArgumentException($"The destination must be at least {source.Length} bytes; it is {destination.Length}.", nameof(destination));
        if (BlockSize > 1 && source.Length % BlockSize != 0)
            throw new ArgumentException($"The input must be a multiple of the block size {BlockSize} bytes; it is {source.Length} bytes.", nameof(source));
        if (!source.Overlaps(destination, out var offset) || offset == 0)
        {
            Transform(encrypt, chained[..IvSize], source, destination[..source.Length]);
            return;
        }

        // Shifted overlap: the BCL one-shots refuse it, so go through a wiped copy.
        var copy = ArrayPool<byte>.Shared.Rent(source.Length);
        try
        {
            source.CopyTo(copy);
            Transform(encrypt, chained[..IvSize], copy.AsSpan(0, source.Length), destination[..source.Length]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy.AsSpan(0, source.Length));
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private ReadOnlySpan<byte> CheckedIv(ReadOnlySpan<byte> iv)
    {
        if (iv.Length != IvSize)
            throw new ArgumentException($"The IV must be exactly {IvSize} bytes; it is {iv.Length}.", nameof(iv));
        return iv;
    }

    // ctr(aes) counts the whole 16-byte block as one big-endian number (AesCtr does the same within a message).
    private static void AddToCounter(Span<byte> counter, int blocks)
    {
        var hi = BinaryPrimitives.ReadUInt64BigEndian(counter);
        var lo = BinaryPrimitives.ReadUInt64BigEndian(counter[8..]);
        var sum = unchecked(lo + (ulong)blocks);
        if (sum < lo)
            hi = unchecked(hi + 1);
        BinaryPrimitives.WriteUInt64BigEndian(counter, hi);
        BinaryPrimitives.WriteUInt64BigEndian(counter[8..], sum);
    }
}
