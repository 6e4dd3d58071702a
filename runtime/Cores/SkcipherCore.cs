using TypedAlg.Runtime.Interop;
using static TypedAlg.Runtime.Interop.AlgConstants;

namespace TypedAlg.Runtime;

/// <summary>
/// An AF_ALG "skcipher" socket: CBC, CTR, XTS, ECB. The IV is sent once per message and the kernel chains
/// it; long messages are streamed in chunks well below the socket buffer so a single thread never deadlocks.
/// </summary>
/// <remarks>
/// Modes whose kernel implementation does not carry the IV from one request to the next (XTS, CTS, and any
/// name not known to chain) are sent as one request, which the socket buffers bound: see <see cref="MaxSingleRequestLength"/>.
/// One instance serves one thread at a time.
/// </remarks>
public sealed class SkcipherCore : ISkcipherBackend
{
    /// <summary>The largest IV the core accepts.</summary>
    internal const int MaxIvSize = 64;

    /// <summary>Chunk size for chained modes: far below any default socket buffer, a multiple of every block size.</summary>
    internal const int ChunkSize = 64 * 1024;

    private static readonly string[] s_chainingPrefixes = ["cbc(", "ctr(", "ecb(", "cbc-", "ctr-", "ecb-"];

    private readonly AlgSocket _bound;
    private AlgOpSocket _op; // replaced after a failed message

    /// <summary>Opens a cipher and sets its key (before accept, as the kernel requires).</summary>
    /// <param name="algorithm">The kernel algorithm or driver name, for example <c>cbc(aes)</c>.</param>
    /// <param name="key">The key; the runtime keeps no copy.</param>
    /// <param name="ivSize">The IV size in bytes (0 for ECB).</param>
    /// <param name="blockSize">The block size; 1 for stream modes such as CTR.</param>
    public SkcipherCore(string algorithm, ReadOnlySpan<byte> key, int ivSize, int blockSize)
        : this(algorithm, ivSize, blockSize, AlgKey.FromBytes(key))
    {
    }

    /// <summary>Opens a cipher served by a chosen driver (a name pinned, or hardware only) and sets its key.</summary>
    /// <param name="algorithm">The generic kernel algorithm name, for example <c>cbc(aes)</c>.</param>
    /// <param name="key">The key; the runtime keeps no copy.</param>
    /// <param name="ivSize">The IV size in bytes (0 for ECB).</param>
    /// <param name="blockSize">The block size; 1 for stream modes such as CTR.</param>
    /// <param name="driver">The implementation to bind.</param>
    /// <exception cref="DriverUnavailableException">The kernel does not serve that driver for the algorithm.</exception>
    public SkcipherCore(string algorithm, ReadOnlySpan<byte> key, int ivSize, int blockSize, DriverSelection driver)
        : this(algorithm, ivSize, blockSize, AlgKey.FromBytes(key), driver ?? throw new ArgumentNullException(nameof(driver)))
    {
    }

    private SkcipherCore(string algorithm, int ivSize, int blockSize, AlgKey key, DriverSelection? driver = null)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        Validate.Size(ivSize, 0, MaxIvSize, nameof(ivSize));
        Validate.Size(blockSize, 1, 256, nameof(blockSize));
        IvSize = ivSize;
        BlockSize = blockSize;
        Chains = ChainsAcrossRequests(algorithm);
        AllowsPartialFinalBlock = Kernel.KernelFacts.AllowsPartialFinalBlock(algorithm);
        ZeroCopy = TypedAlgOptions.ZeroCopy;
        (_bound, _op) = AlgSocket.OpenAndAccept("skcipher", algorithm, key, driver: driver);
    }

    /// <summary>The IV size in bytes.</summary>
    public int IvSize { get; }

    /// <summary>The block size in bytes; 1 for stream modes (CTR).</summary>
    public int BlockSize { get; }

    /// <summary>How large inputs reach the kernel (defaults to <see cref="TypedAlgOptions.ZeroCopy"/>).</summary>
    public ZeroCopyMode ZeroCopy { get; set; }

    /// <summary>
    /// The longest message for modes that must go to the kernel as one request (XTS, CTS), after raising the socket
    /// buffers as far as net.core.wmem_max/rmem_max allow; <see cref="int.MaxValue"/> for chained modes (CBC, CTR, ECB).
    /// Queries the socket, so call it outside hot loops.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is using this instance.</exception>
    public int MaxSingleRequestLength
    {
        get
        {
            if (Chains)
            {
                return int.MaxValue;
            }

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

    /// <summary>
    /// The driver serving this instance (for example <c>cbc-aes-aesni</c> or <c>virtio_crypto_aes_cbc</c>), read from
    /// /proc/crypto while the socket is bound; the bound name when /proc/crypto does not list it.
    /// </summary>
    public string Driver => _bound.ReadServingDriver()?.Driver ?? _bound.Algorithm;

    internal bool Chains { get; }

    internal bool AllowsPartialFinalBlock { get; }

    internal AlgOpSocket Socket => _op;

    /// <summary>Opens a cipher whose key is a kernel keyring key (Linux 6.2+).</summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="keySerial">The serial of a <c>user</c> or <c>logon</c> key the process may search.</param>
    /// <param name="ivSize">The IV size in bytes.</param>
    /// <param name="blockSize">The block size; 1 for stream modes.</param>
    /// <returns>The cipher.</returns>
    /// <exception cref="NotSupportedException">The kernel is older than 6.2.</exception>
    public static SkcipherCore FromKeySerial(string algorithm, int keySerial, int ivSize, int blockSize) =>
        FromKeySerial(algorithm, keySerial, ivSize, blockSize, DriverSelection.Any);

    /// <summary>Opens a cipher served by a chosen driver whose key is a kernel keyring key (Linux 6.2+).</summary>
    /// <param name="algorithm">The generic kernel algorithm name.</param>
    /// <param name="keySerial">The serial of a <c>user</c> or <c>logon</c> key the process may search.</param>
    /// <param name="ivSize">The IV size in bytes.</param>
    /// <param name="blockSize">The block size; 1 for stream modes.</param>
    /// <param name="driver">The implementation to bind.</param>
    /// <returns>The cipher.</returns>
    public static SkcipherCore FromKeySerial(string algorithm, int keySerial, int ivSize, int blockSize, DriverSelection driver)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keySerial);
        ArgumentNullException.ThrowIfNull(driver);
        return new SkcipherCore(algorithm, ivSize, blockSize, AlgKey.FromSerial(keySerial), driver);
    }

    /// <summary>Encrypts one message; <paramref name="destination"/> may be the same span as <paramref name="source"/>.</summary>
    /// <param name="iv">Exactly <see cref="IvSize"/> bytes.</param>
    /// <param name="source">The plaintext; a multiple of <see cref="BlockSize"/> unless the mode allows a partial final block.</param>
    /// <param name="destination">At least <c>source.Length</c> bytes.</param>
    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination) =>
        Transform(ALG_OP_ENCRYPT, iv, source, destination);

    /// <summary>Decrypts one message; <paramref name="destination"/> may be the same span as <paramref name="source"/>.</summary>
    /// <param name="iv">Exactly <see cref="IvSize"/> bytes.</param>
    /// <param name="source">The ciphertext; a multiple of <see cref="BlockSize"/> unless the mode allows a partial final block.</param>
    /// <param name="destination">At least <c>source.Length</c> bytes.</param>
    public void Decrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination) =>
        Transform(ALG_OP_DECRYPT, iv, source, destination);

    /// <summary>Starts an encryption whose data arrives in pieces, on its own operation socket.</summary>
    /// <param name="iv">Exactly <see cref="IvSize"/> bytes.</param>
    /// <returns>The stream; dispose it.</returns>
    public SkcipherStream CreateEncryptor(ReadOnlySpan<byte> iv) => CreateStream(ALG_OP_ENCRYPT, iv);

    /// <summary>Starts a decryption whose data arrives in pieces, on its own operation socket.</summary>
    /// <param name="iv">Exactly <see cref="IvSize"/> bytes.</param>
    /// <returns>The stream; dispose it.</returns>
    public SkcipherStream CreateDecryptor(ReadOnlySpan<byte> iv) => CreateStream(ALG_OP_DECRYPT, iv);

    /// <summary>Closes the sockets. Idempotent.</summary>
    public void Dispose()
    {
        _op.Dispose();
        _bound.Dispose();
    }

    internal void ValidateMessageLength(int length, string paramName)
    {
        if (BlockSize <= 1)
        {
            return;
        }

        if (AllowsPartialFinalBlock)
        {
            if (length != 0 && length < BlockSize)
            {
                throw new ArgumentException($"This mode needs at least one whole block ({BlockSize} bytes); the input is {length} bytes.", paramName);
            }
        }
        else if (length % BlockSize != 0)
        {
            throw new ArgumentException($"The input must be a multiple of the block size {BlockSize} bytes; it is {length} bytes.", paramName);
        }
    }

    private static bool ChainsAcrossRequests(string algorithm)
    {
        foreach (string prefix in s_chainingPrefixes)
        {
            if (algorithm.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private SkcipherStream CreateStream(uint op, ReadOnlySpan<byte> iv)
    {
        Validate.Length(iv.Length, IvSize, nameof(iv), "IV");
        if (!Chains)
        {
            throw new NotSupportedException(
                $"'{_op.Algorithm}' cannot be streamed: the kernel does not carry its IV/tweak from one request to the next. Pass the whole message to Encrypt/Decrypt.");
        }

        ObjectDisposedException.ThrowIf(_op.IsDisposed, this);
        return new SkcipherStream(this, _bound.Accept(), op, iv);
    }

    /// <summary>
    /// The request size for chained modes: <see cref="ChunkSize"/>, or less when the socket buffers are smaller (a
    /// request larger than the send buffer would wait for room that only this thread's own receive could make). A
    /// multiple of a page, so of every block and chunk size.
    /// </summary>
    internal static int ChainedRequestSize(AlgOpSocket socket) =>
        Math.Min(ChunkSize, socket.EnsureCapacity(ChunkSize)) & ~(PageSize - 1);

    private unsafe void Transform(uint op, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Validate.Length(iv.Length, IvSize, nameof(iv), "IV");
        Validate.AtLeast(destination.Length, source.Length, nameof(destination), "destination");
        bool shifted = Validate.DestinationNotAheadIsShifted(source, destination, nameof(destination));
        if (AllowsPartialFinalBlock || source.Length % BlockSize != 0)
        {
            ValidateMessageLength(source.Length, nameof(source));
        }

        AlgOpSocket socket = _op;
        socket.Enter(this);
        try
        {
            if (source.Length == 0)
            {
                return;
            }

            if (!Chains)
            {
                int max = socket.EnsureCapacity(source.Length);
                if (source.Length > max)
                {
                    throw new ArgumentException(
                        $"'{_op.Algorithm}' must process a message in one kernel request, and the socket buffers allow at most {max} bytes " +
                        $"(raise net.core.wmem_max and net.core.rmem_max for more); the input is {source.Length} bytes.",
                        nameof(source));
                }
            }

            // Spliced input is read by the kernel in the receive that follows, not in the splice: the source stays
            // pinned until its output has arrived, so a compacting collection cannot move it and reuse its pages.
            fixed (byte* pinned = source)
            {
                try
                {
                    // A constant size: a fixed stack slot instead of a dynamic stackalloc on every call.
                    Span<byte> control = stackalloc byte[Cmsg.MaxCipherControl];
                    control = control[..Cmsg.Write(control, op, iv, 0, aead: false)];
                    // Spliced input is read from the caller's pages while the output is written: only in place or disjoint.
                    bool splice = !shifted &&
                        (ZeroCopy == ZeroCopyMode.Always || (ZeroCopy == ZeroCopyMode.Auto && source.Length >= TypedAlgOptions.ZeroCopyThreshold));
                    int chunk = Chains ? ChainedRequestSize(socket) : source.Length;
                    if (!splice && source.Length <= chunk)
                    {
                        // The common case: IV, direction and the whole message in one sendmsg, the output in one recv.
                        int errno = socket.TrySendReceive(control, source, destination[..source.Length], out int received);
                        if (errno != 0)
                        {
                            throw socket.Error(errno, AlgCall.Receive);
                        }

                        if (received != source.Length)
                        {
                            ReceiveRest(socket, destination[received..source.Length]);
                        }

                        return;
                    }

                    for (int offset = 0; offset < source.Length; offset += chunk)
                    {
                        int n = Math.Min(chunk, source.Length - offset);
                        bool more = offset + n < source.Length;
                        ReadOnlySpan<byte> piece = source.Slice(offset, n);
                        if (offset == 0 && !splice)
                        {
                            // The common case: IV, direction and data in one sendmsg.
                            socket.SendMessage(control, piece, default, default, more ? MSG_MORE : 0);
                        }
                        else
                        {
                            if (offset == 0)
                            {
                                socket.SendMessage(control, default, default, default, MSG_MORE);
                            }

                            socket.SendData(piece, more, splice ? ZeroCopyMode.Always : ZeroCopyMode.Never, 0);
                        }

                        // Exactly this piece's output: asking for more would block until data that never comes.
                        if (Chains)
                        {
                            socket.ReceiveExact(destination.Slice(offset, n), more ? BlockSize : 0);
                        }
                        else if (socket.TryReceiveMessage(destination.Slice(offset, n), default, default) is int errno and not 0)
                        {
                            throw socket.Error(errno, AlgCall.Receive);
                        }
                    }
                }
                catch
                {
                    // A failed message can leave input queued in the kernel that the next message would join:
                    // go on with a fresh operation socket (the key stays with the bound socket).
                    _op = _bound.Renew(socket);
                    throw;
                }
            }
        }
        finally
        {
            socket.Exit();
        }
    }

    /// <summary>A chained mode may return one message's output in parts; a one-request mode (XTS) returns it whole or fails.</summary>
    private void ReceiveRest(AlgOpSocket socket, Span<byte> rest)
    {
        if (!Chains)
        {
            throw new KernelCryptoException($"AF_ALG skcipher '{socket.Algorithm}' returned {rest.Length} bytes fewer than one request produces.", 0, socket.Algorithm);
        }

        socket.ReceiveExact(rest);
    }

    /// <inheritdoc />
    ISkcipherStream ISkcipherBackend.CreateEncryptor(ReadOnlySpan<byte> iv) => CreateEncryptor(iv);

    /// <inheritdoc />
    ISkcipherStream ISkcipherBackend.CreateDecryptor(ReadOnlySpan<byte> iv) => CreateDecryptor(iv);
}
