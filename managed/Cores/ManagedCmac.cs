using System.Security.Cryptography;
using TypedAlg.Managed.Primitives;
using TypedAlg.Runtime;

namespace TypedAlg.Managed.Cores;

/// <summary>
/// cmac(aes) on <see cref="AesCmac"/>. AesCmac is a one-shot, so appended data is held (and wiped) until the MAC is
/// taken; clones share the key schedule, which is disposed with the last of them.
/// </summary>
internal sealed class ManagedCmac : IHashBackend
{
    private readonly SharedCmac _cmac;
    private byte[] _buffer = [];
    private int _length;
    private bool _disposed;

    private ManagedCmac(SharedCmac cmac) => _cmac = cmac;

    public int DigestSize => AesCmac.MacSize;

    public string Driver => "TypedAlg.Managed AES-CMAC (RFC 4493) on System.Security.Cryptography.Aes";

    /// <summary>A CMAC for one key; the BCL's AES holds the key schedule, nothing else keeps a copy.</summary>
    public static ManagedCmac Create(int macSize, ReadOnlySpan<byte> key)
    {
        if (macSize != AesCmac.MacSize)
            throw new ArgumentException($"'cmac(aes)' produces {AesCmac.MacSize}-byte MACs, but this instance was created with digestSize {macSize}.", "digestSize");
        return new ManagedCmac(new SharedCmac(new AesCmac(key)));
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_buffer.Length - _length < data.Length)
            Grow(_length + data.Length);
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    public void GetHashAndReset(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _cmac.Compute(_buffer.AsSpan(0, _length), destination);
        CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _length));
        _length = 0;
    }

    public void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_length > 0)
            throw new InvalidOperationException("Append was called without GetHashAndReset; a one-shot would continue that MAC. Call GetHashAndReset first.");
        _cmac.Compute(data, destination);
    }

    public IHashBackend Clone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _cmac.AddRef();
        var clone = new ManagedCmac(_cmac);
        clone.Append(_buffer.AsSpan(0, _length));
        return clone;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        CryptographicOperations.ZeroMemory(_buffer);
        _cmac.Release();
    }

    // The old buffer held message data: wipe it before the GC gets it.
    private void Grow(int needed)
    {
        var bigger = new byte[Math.Max(needed, Math.Max(256, _buffer.Length * 2))];
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        CryptographicOperations.ZeroMemory(_buffer);
        _buffer = bigger;
    }

    /// <summary>One key schedule shared by an instance and its clones (which may run on other threads).</summary>
    private sealed class SharedCmac(AesCmac cmac)
    {
        private readonly Lock _lock = new();
        private int _references = 1;

        public void Compute(ReadOnlySpan<byte> message, Span<byte> destination)
        {
            lock (_lock)
                cmac.Compute(message, destination);
        }

        public void AddRef() => Interlocked.Increment(ref _references);

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
                cmac.Dispose();
        }
    }
}
