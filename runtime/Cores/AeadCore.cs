using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TypedAlg.Runtime.Interop;
using static TypedAlg.Runtime.Interop.AlgConstants;

namespace TypedAlg.Runtime;

/// <summary>
/// An AF_ALG "aead" socket: GCM, CCM, ChaCha20-Poly1305. The kernel's AAD||PT -> AAD||CT||TAG layout stays
/// inside: the caller's spans are gathered into one sendmsg and scattered from one recvmsg (two system calls).
/// </summary>
/// <remarks>
/// An AEAD message is one kernel request, so its size is bounded by the socket buffers (raised up to
/// net.core.wmem_max/rmem_max on demand; see <see cref="MaxMessageLength"/>). One instance serves one thread at a time.
/// Zero copy is not used: splicing into algif_aead is what CVE-2026-31431 abused.
/// </remarks>
public sealed class AeadCore : IAeadBackend
{
    /// <summary>AAD up to this size is received into a stack buffer; larger AAD into an owned, pinned buffer.</summary>
    private const int StackAad = 512;

    /// <summary>
    /// A message (associated data + text + tag) up to this size goes to the kernel and comes back as one buffer, as
    /// libkcapi's contiguous AAD||text||tag: one iovec each way instead of two or three, so the kernel pins one page for
    /// the output instead of two (ciphertext and tag) and walks no iovec array. The copies this costs (at most 4 KiB
    /// each way) are cheaper than the page extraction and scatterlist entries they save (bench/README.md: 16 B to
    /// 1 KiB GCM under icount; three pages, to take the 8 KiB cell too, gained 0.5% there: the copy of 8 KiB costs about
    /// what it saves). The buffer is one page-aligned page of <see cref="_gather"/>: on the stack, a buffer crosses a page
    /// boundary or not depending on where ASLR put the stack, which made the same run differ by 3%.
    /// </summary>
    private const int Gather = PageSize;

    private readonly AlgSocket _bound; // keeps the key, so that a failed message can go on with a fresh operation socket
    private AlgOpSocket _op;           // replaced after a failed message
    private byte[]? _aadScratch;
    private byte[]? _gather;   // pinned, Gather + one page: a page-aligned Gather bytes of it are used (GatherBuffer)
    private unsafe byte* _gatherPage; // that page: _gather is pinned and lives as long as this instance

    /// <summary>Opens an AEAD, sets its key and tag size (once, before accept).</summary>
    /// <param name="algorithm">The kernel algorithm or driver name, for example <c>gcm(aes)</c>.</param>
    /// <param name="key">The key; the runtime keeps no copy.</param>
    /// <param name="nonceSize">The nonce (IV) size in bytes the algorithm takes.</param>
    /// <param name="tagSize">The tag size in bytes.</param>
    public AeadCore(string algorithm, ReadOnlySpan<byte> key, int nonceSize, int tagSize)
        : this(algorithm, nonceSize, tagSize, AlgKey.FromBytes(key))
    {
    }

    /// <summary>Opens an AEAD served by a chosen driver (a name pinned, or hardware only).</summary>
    /// <param name="algorithm">The generic kernel algorithm name, for example <c>gcm(aes)</c>.</param>
    /// <param name="key">The key; the runtime keeps no copy.</param>
    /// <param name="nonceSize">The nonce (IV) size in bytes the algorithm takes.</param>
    /// <param name="tagSize">The tag size in bytes.</param>
    /// <param name="driver">The implementation to bind.</param>
    /// <exception cref="DriverUnavailableException">The kernel does not serve that driver for the algorithm.</exception>
    public AeadCore(string algorithm, ReadOnlySpan<byte> key, int nonceSize, int tagSize, DriverSelection driver)
        : this(algorithm, nonceSize, tagSize, AlgKey.FromBytes(key), driver ?? throw new ArgumentNullException(nameof(driver)))
    {
    }

    private AeadCore(string algorithm, int nonceSize, int tagSize, AlgKey key, DriverSelection? driver = null)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        Validate.Size(nonceSize, 1, SkcipherCore.MaxIvSize, nameof(nonceSize));
        Validate.Size(tagSize, 1, 64, nameof(tagSize));
        NonceSize = nonceSize;
        TagSize = tagSize;
        (_bound, _op) = AlgSocket.OpenAndAccept("aead", algorithm, key, tagSize, driver: driver);
    }

    /// <summary>The driver serving this instance, read from /proc/crypto while bound; the bound name when unlisted.</summary>
    public string Driver => _bound.ReadServingDriver()?.Driver ?? _bound.Algorithm;

    /// <summary>The nonce size in bytes.</summary>
    public int NonceSize { get; }

    /// <summary>The tag size in bytes.</summary>
    public int TagSize { get; }

    /// <summary>
    /// The largest associated data + text + tag, in bytes, one message may have after raising the socket buffers as far as
    /// the kernel allows. Queries the socket, so call it outside hot loops.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is using this instance.</exception>
    public int MaxMessageLength
    {
        get
        {
            AlgOpSocket op = _op;
            op.Enter(this);
            try
            {
                return op.EnsureCapacity(int.MaxValue);
            }
            finally
            {
                op.Exit();
            }
        }
    }

    /// <summary>Opens an AEAD whose key is a kernel keyring key (Linux 6.2+).</summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="keySerial">The serial of a <c>user</c> or <c>logon</c> key the process may search.</param>
    /// <param name="nonceSize">The nonce size in bytes.</param>
    /// <param name="tagSize">The tag size in bytes.</param>
    /// <returns>The AEAD.</returns>
    /// <exception cref="NotSupportedException">The kernel is older than 6.2.</exception>
    public static AeadCore FromKeySerial(string algorithm, int keySerial, int nonceSize, int tagSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keySerial);
        return new AeadCore(algorithm, nonceSize, tagSize, AlgKey.FromSerial(keySerial));
    }

    /// <summary>Opens an AEAD served by a chosen driver whose key is a kernel keyring key (Linux 6.2+).</summary>
    /// <param name="algorithm">The generic kernel algorithm name.</param>
    /// <param name="keySerial">The serial of a <c>user</c> or <c>logon</c> key the process may search.</param>
    /// <param name="nonceSize">The nonce size in bytes.</param>
    /// <param name="tagSize">The tag size in bytes.</param>
    /// <param name="driver">The implementation to bind.</param>
    /// <returns>The AEAD.</returns>
    /// <exception cref="DriverUnavailableException">The kernel does not serve that driver for the algorithm.</exception>
    public static AeadCore FromKeySerial(string algorithm, int keySerial, int nonceSize, int tagSize, DriverSelection driver)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keySerial);
        ArgumentNullException.ThrowIfNull(driver);
        return new AeadCore(algorithm, nonceSize, tagSize, AlgKey.FromSerial(keySerial), driver);
    }

    /// <summary>Encrypts and authenticates. All input reaches the kernel before any output is written, so spans may overlap (in place).</summary>
    /// <param name="nonce">Exactly <see cref="NonceSize"/> bytes; never reuse one under the same key.</param>
    /// <param name="plaintext">The plaintext.</param>
    /// <param name="ciphertext">At least <c>plaintext.Length</c> bytes.</param>
    /// <param name="tag">Exactly <see cref="TagSize"/> bytes.</param>
    /// <param name="associatedData">Data authenticated but not encrypted.</param>
    public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext,
                        Span<byte> tag, ReadOnlySpan<byte> associatedData = default)
    {
        ValidateSizes(nonce, tag);
        Validate.AtLeast(ciphertext.Length, plaintext.Length, nameof(ciphertext), "ciphertext destination");
        AlgOpSocket op = _op;
        op.Enter(this);
        try
        {
            CheckFits(op, associatedData.Length, plaintext.Length, TagSize);
            Span<byte> control = stackalloc byte[Cmsg.MaxAeadControl];
            control = control[..Cmsg.Write(control, ALG_OP_ENCRYPT, nonce, associatedData.Length, aead: true)];
            try
            {
                if (associatedData.IsEmpty && Adjacent(ciphertext[..plaintext.Length], tag))
                {
                    // ciphertext||tag is one buffer already (SealInto, or a caller laid out like libkcapi): one recv into it.
                    SendReceive(op, control, plaintext, MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(ciphertext), plaintext.Length + TagSize));
                }
                else if (associatedData.Length + plaintext.Length + TagSize <= Gather)
                {
                    EncryptGathered(op, control, associatedData, plaintext, ciphertext, tag);
                }
                else
                {
                    EncryptScattered(op, control, associatedData, plaintext, ciphertext, tag);
                }
            }
            catch
            {
                // Input the kernel still holds would join the next message: go on with a fresh operation socket.
                _op = _bound.Renew(op);
                throw;
            }
        }
        finally
        {
            op.Exit();
        }
    }

    /// <summary>Verifies and decrypts.</summary>
    /// <param name="nonce">Exactly <see cref="NonceSize"/> bytes.</param>
    /// <param name="ciphertext">The ciphertext.</param>
    /// <param name="tag">Exactly <see cref="TagSize"/> bytes.</param>
    /// <param name="plaintext">At least <c>ciphertext.Length</c> bytes; may be the ciphertext span (in place).</param>
    /// <param name="associatedData">The associated data given at encryption.</param>
    /// <exception cref="AuthenticationTagMismatchException">The tag does not match; <paramref name="plaintext"/> is zeroed.</exception>
    public void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag,
                        Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        if (!TryDecrypt(nonce, ciphertext, tag, plaintext, associatedData))
        {
            throw new AuthenticationTagMismatchException();
        }
    }

    /// <summary>Verifies and decrypts; returns false (with <paramref name="plaintext"/> zeroed) when the tag does not match.</summary>
    /// <param name="nonce">Exactly <see cref="NonceSize"/> bytes.</param>
    /// <param name="ciphertext">The ciphertext.</param>
    /// <param name="tag">Exactly <see cref="TagSize"/> bytes.</param>
    /// <param name="plaintext">At least <c>ciphertext.Length</c> bytes; may be the ciphertext span (in place).</param>
    /// <param name="associatedData">The associated data given at encryption.</param>
    /// <returns>Whether the data is authentic.</returns>
    public bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag,
                           Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        ValidateSizes(nonce, tag);
        Validate.AtLeast(plaintext.Length, ciphertext.Length, nameof(plaintext), "plaintext destination");
        AlgOpSocket op = _op;
        op.Enter(this);
        try
        {
            CheckFits(op, associatedData.Length, ciphertext.Length, TagSize);
            Span<byte> control = stackalloc byte[Cmsg.MaxAeadControl];
            control = control[..Cmsg.Write(control, ALG_OP_DECRYPT, nonce, associatedData.Length, aead: true)];
            Span<byte> output = plaintext[..ciphertext.Length];
            int errno;
            try
            {
                errno = associatedData.IsEmpty
                    ? DecryptOneBuffer(op, control, ciphertext, tag, output)
                    : DecryptWithAad(op, control, associatedData, ciphertext, tag, output);
            }
            catch
            {
                // Whatever went wrong, the kernel may already have written unauthenticated plaintext.
                CryptographicOperations.ZeroMemory(output);
                _op = _bound.Renew(op);
                throw;
            }

            if (errno == 0)
            {
                return true;
            }

            // The kernel may already have written unauthenticated plaintext.
            CryptographicOperations.ZeroMemory(output);
            if (errno == Errno.EBADMSG)
            {
                return false; // the kernel consumed the request: the socket is clean
            }

            _op = _bound.Renew(op);
            throw op.Error(errno, AlgCall.Receive);
        }
        finally
        {
            op.Exit();
        }
    }

    /// <summary>Closes the sockets and wipes the scratch buffer. Idempotent.</summary>
    public void Dispose()
    {
        _op.Dispose();
        _bound.Dispose();
        if (_aadScratch is not null)
        {
            CryptographicOperations.ZeroMemory(_aadScratch);
        }

        if (_gather is not null)
        {
            CryptographicOperations.ZeroMemory(_gather);
        }
    }

    /// <summary>A page-aligned page for gathered messages, allocated on first use (pinned: the collector never moves it).</summary>
    private unsafe Span<byte> GatherBuffer()
    {
        if (_gatherPage == null)
        {
            _gather = GC.AllocateArray<byte>(Gather + PageSize, pinned: true);
            nint at = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_gather));
            _gatherPage = (byte*)((at + PageSize - 1) & ~(nint)(PageSize - 1));
        }

        return new Span<byte>(_gatherPage, Gather);
    }

    private void ValidateSizes(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> tag)
    {
        Validate.Length(nonce.Length, NonceSize, nameof(nonce), "nonce");
        Validate.Length(tag.Length, TagSize, nameof(tag), "tag");
    }

    /// <summary>One buffer out, its whole output back into one buffer (one AEAD request is answered whole).</summary>
    private static void SendReceive(AlgOpSocket op, ReadOnlySpan<byte> control, ReadOnlySpan<byte> input, Span<byte> output)
    {
        int errno = op.TrySendReceive(control, input, output, out int received);
        if (errno != 0 || received != output.Length)
        {
            throw errno != 0 ? op.Error(errno, AlgCall.Receive) : ShortOutput(op, received, output.Length);
        }
    }

    /// <summary>
    /// AAD||plaintext out and AAD||ciphertext||tag back through the gather page, one buffer each way (the message fits
    /// it). With AAD the plaintext is gathered, and the output (at least as long) overwrites it.
    /// </summary>
    private void EncryptGathered(AlgOpSocket op, ReadOnlySpan<byte> control, ReadOnlySpan<byte> associatedData,
                                 ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        Span<byte> buffer = GatherBuffer()[..(associatedData.Length + plaintext.Length + TagSize)];
        try
        {
            SendReceive(op, control, AsOneBuffer(associatedData, plaintext, default, buffer), buffer);
            buffer.Slice(associatedData.Length, plaintext.Length).CopyTo(ciphertext);
            buffer.Slice(associatedData.Length + plaintext.Length, TagSize).CopyTo(tag);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(buffer);
            throw;
        }
    }

    /// <summary>A message larger than the gather page: the caller's pieces as they are, the echoed AAD into scratch.</summary>
    private void EncryptScattered(AlgOpSocket op, ReadOnlySpan<byte> control, ReadOnlySpan<byte> associatedData,
                                  ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        Span<byte> aad = AadScratch(associatedData.Length, stackalloc byte[StackAad]);
        op.SendMessage(control, associatedData, plaintext, default, 0);
        int errno = op.TryReceiveMessage(aad, ciphertext[..plaintext.Length], tag);
        if (errno != 0)
        {
            throw op.Error(errno, AlgCall.Receive);
        }
    }

    /// <summary>
    /// Without AAD the output is the plaintext alone: ciphertext||tag out as one buffer (the caller's own when the tag
    /// follows the ciphertext, as in TryOpen; else gathered when it fits the page, else two pieces), one recv straight
    /// into the plaintext. Returns 0 or the receive's errno.
    /// </summary>
    private int DecryptOneBuffer(AlgOpSocket op, ReadOnlySpan<byte> control, ReadOnlySpan<byte> ciphertext,
                                 ReadOnlySpan<byte> tag, Span<byte> output)
    {
        int errno, received;
        if (Adjacent(ciphertext, tag))
        {
            ReadOnlySpan<byte> whole = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(ciphertext), ciphertext.Length + TagSize);
            errno = op.TrySendReceive(control, whole, output, out received);
        }
        else if (ciphertext.Length + TagSize <= Gather)
        {
            errno = op.TrySendReceive(control, AsOneBuffer(default, ciphertext, tag, GatherBuffer()), output, out received);
        }
        else
        {
            op.SendMessage(control, ciphertext, tag, default, 0);
            return op.TryReceiveExact(output);
        }

        if (errno == 0 && received != output.Length)
        {
            throw ShortOutput(op, received, output.Length);
        }

        return errno;
    }

    /// <summary>With AAD: AAD||ciphertext||tag out (gathered when it fits), the echoed AAD into scratch. Returns 0 or the errno.</summary>
    private int DecryptWithAad(AlgOpSocket op, ReadOnlySpan<byte> control, ReadOnlySpan<byte> associatedData,
                               ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> output)
    {
        SendGathered(op, control, associatedData, ciphertext, tag, GatherBuffer());
        return op.TryReceiveMessage(AadScratch(associatedData.Length, stackalloc byte[StackAad]), output, default);
    }

    /// <summary>
    /// One sendmsg of the control block and the pieces: gathered into <paramref name="buffer"/> when more than one piece
    /// is not empty and all fit (the kernel then reads one buffer), else as they are.
    /// </summary>
    private static void SendGathered(AlgOpSocket op, ReadOnlySpan<byte> control, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b,
                                     ReadOnlySpan<byte> c, Span<byte> buffer)
    {
        if (a.Length + b.Length + c.Length > buffer.Length)
        {
            op.SendMessage(control, a, b, c, 0);
            return;
        }

        op.SendMessage(control, AsOneBuffer(a, b, c, buffer), default, default, 0);
    }

    /// <summary>
    /// The message as one buffer: its one non-empty piece as it is, or all pieces gathered into <paramref name="buffer"/>
    /// (the caller makes sure they fit).
    /// </summary>
    private static ReadOnlySpan<byte> AsOneBuffer(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> buffer)
    {
        if (b.IsEmpty && c.IsEmpty)
        {
            return a;
        }

        if (a.IsEmpty && c.IsEmpty)
        {
            return b;
        }

        a.CopyTo(buffer);
        b.CopyTo(buffer[a.Length..]);
        c.CopyTo(buffer[(a.Length + b.Length)..]);
        return buffer[..(a.Length + b.Length + c.Length)];
    }

    /// <summary>Whether <paramref name="second"/> starts right where <paramref name="first"/> ends (one buffer).</summary>
    private static bool Adjacent(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second) =>
        Unsafe.AreSame(
            ref Unsafe.Add(ref MemoryMarshal.GetReference(first), first.Length),
            ref MemoryMarshal.GetReference(second));

    /// <summary>One AEAD request is answered whole: anything else is a kernel fault.</summary>
    private static KernelCryptoException ShortOutput(AlgOpSocket op, int received, int expected) =>
        new($"AF_ALG aead '{op.Algorithm}' returned {received} bytes where {expected} were expected.", 0, op.Algorithm);

    /// <summary>The kernel echoes the AAD ahead of the output; it needs somewhere to land.</summary>
    private Span<byte> AadScratch(int length, Span<byte> stack)
    {
        if (length <= stack.Length)
        {
            return stack[..length];
        }

        if (_aadScratch is null || _aadScratch.Length < length)
        {
            _aadScratch = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        }

        return _aadScratch.AsSpan(0, length);
    }

    /// <summary>
    /// The one size check that needs the kernel: the socket buffers (queried once per socket, two getsockopt calls;
    /// raised once when too small). It runs before any data is sent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckFits(AlgOpSocket op, int associatedDataLength, int textLength, int tagSize)
    {
        long needed = (long)associatedDataLength + textLength + tagSize;
        if (needed > op.EnsureCapacity(needed))
        {
            ThrowTooLarge(op.EnsureCapacity(needed), needed, associatedDataLength, textLength);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooLarge(int max, long needed, int associatedDataLength, int textLength) =>
        throw new ArgumentException(
            $"An AEAD message is one kernel request; associated data + text + tag may be at most {max} bytes here " +
            $"(raise net.core.wmem_max and net.core.rmem_max for more), and this one is {needed} bytes.",
            textLength >= associatedDataLength ? "plaintext" : "associatedData");
}
