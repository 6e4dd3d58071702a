using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TypedAlg.Runtime.Interop;
using static TypedAlg.Runtime.Interop.AlgConstants;

namespace TypedAlg.Runtime;

/// <summary>
/// The operation half of an AF_ALG socket pair (what accept returns), libkcapi's <c>opfd</c>; the bound half is
/// <see cref="AlgSocket"/>, libkcapi's <c>tfmfd</c>. It alone knows send, sendmsg with control messages, exact-size
/// receives, zero-copy sends (through its <see cref="SplicePipe"/>) and the socket buffer limits. One instance is
/// used by one thread at a time: <see cref="Enter"/> detects a second one.
/// </summary>
internal sealed unsafe class AlgOpSocket : IDisposable
{
    private const int Idle = 0;
    private const int InUse = 1;  // between Enter and Exit
    private const int Closed = 2; // the descriptor is closed (or closing): no Enter succeeds any more

    private readonly SafeFdHandle _fd;

    // _fd's descriptor, for the per-operation calls (Libc's int overloads). It stays open while _state is InUse: Dispose
    // on another thread only closes an idle socket, else the Exit that ends the operation closes it. This replaces
    // SafeHandle's AddRef/Release around each call (two interlocked operations and a try/finally per call, two calls
    // per operation) with the one interlocked Enter already did. An instance that is never disposed is still closed by
    // _fd's finalizer, which cannot run during an operation (the core holds this socket, this socket holds _fd).
    private readonly int _raw;
    private readonly SplicePipe _pipe = new();
    private int _state;
    private int _disposed;
    private int _capacity;
    private bool _buffersRaised;

    private AlgOpSocket(SafeFdHandle fd, string type, string algorithm)
    {
        _fd = fd;
        _raw = (int)fd.DangerousGetHandle();
        ProcessStamp = ForkGuard.Stamp;
        Type = type;
        Algorithm = algorithm;
    }

    internal string Type { get; }

    internal string Algorithm { get; }

    /// <summary>Bytes sent through vmsplice+splice so far (tests use it to prove the zero-copy path ran).</summary>
    internal long SplicedBytes => _pipe.SplicedBytes;

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The process that opened this socket (<see cref="ForkGuard"/>); a forked child must not use it.</summary>
    internal int ProcessStamp { get; }

    /// <summary>Whether this process opened the socket (false in a forked child).</summary>
    internal bool IsFromThisProcess => ForkGuard.IsThisProcess(ProcessStamp);

    /// <summary>accept4 on a bound socket, or on an op socket (hash: clones the running state).</summary>
    internal static AlgOpSocket AcceptFrom(SafeFdHandle listener, string type, string algorithm)
    {
        while (true)
        {
            SafeFdHandle fd = Libc.accept4(listener, 0, 0, SOCK_CLOEXEC);
            if (!fd.IsInvalid)
            {
                return new AlgOpSocket(fd, type, algorithm);
            }

            int errno = Marshal.GetLastPInvokeError();
            fd.Dispose();
            if (errno != Errno.EINTR)
            {
                throw KernelErrors.Create(errno, AlgCall.Accept, type, algorithm, new KernelSnapshot());
            }
        }
    }

    internal AlgOpSocket AcceptClone() => AcceptFrom(_fd, Type, Algorithm);

    /// <summary>Marks the start of an operation; throws if disposed, already in use by another thread, or inherited through fork.</summary>
    // Inlined into every operation (the throws are out of line): one interlocked operation and two reads.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Enter(object owner)
    {
        int state = Interlocked.CompareExchange(ref _state, InUse, Idle);
        if (state != Idle)
        {
            EnterRefused(owner, state);
        }

        if (IsDisposed || !IsFromThisProcess)
        {
            EnterFailed(owner);
        }
    }

    /// <summary>Ends an operation; closes the descriptor when Dispose was called meanwhile.</summary>
    internal void Exit()
    {
        // A full fence (xchg) before reading _disposed: Dispose writes _disposed before it tries to close an idle socket,
        // so exactly one of the two sees the other and closes.
        Interlocked.Exchange(ref _state, Idle);
        if (Volatile.Read(ref _disposed) != 0)
        {
            CloseIfIdle();
        }
    }

    /// <summary>The exception for <paramref name="errno"/> from <paramref name="call"/> on this socket (the cores' receives use it too).</summary>
    internal Exception Error(int errno, AlgCall call) => KernelErrors.Create(errno, call, Type, Algorithm, new KernelSnapshot());

    /// <summary>send() until every byte is queued; an empty span with flags 0 ends a message.</summary>
    internal void SendAll(ReadOnlySpan<byte> data, int flags)
    {
        fixed (byte* p = data)
        {
            int done = 0;
            do
            {
                nint n = Libc.send(_raw, p + done, (nuint)(data.Length - done), flags);
                if (n < 0)
                {
                    ThrowUnlessInterrupted(Marshal.GetLastSystemError(), AlgCall.Send);
                    continue;
                }

                done += (int)n;
            }
            while (done < data.Length);
        }
    }

    /// <summary>One sendmsg with a control block and up to three data pieces; the rest with send() if the kernel took less.</summary>
    /// <remarks>Empty pieces are left out of the iovec array: one piece reaches the kernel as one plain user buffer (ITER_UBUF).</remarks>
    internal void SendMessage(ReadOnlySpan<byte> control, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, int flags)
    {
        fixed (byte* pc = control)
        fixed (byte* pa = a)
        fixed (byte* pb = b)
        fixed (byte* pd = c)
        {
            var iov = stackalloc IoVec[3];
            var msg = Pieces(iov, pa, a.Length, pb, b.Length, pd, c.Length);
            msg.Control = pc;
            msg.ControlLength = (nuint)control.Length;
            nint n;
            while ((n = Libc.sendmsg(_raw, &msg, flags)) < 0)
            {
                ThrowUnlessInterrupted(Marshal.GetLastSystemError(), AlgCall.Send);
            }

            // The control block has been applied once the kernel took any part of the message.
            long sent = n;
            if (sent < (long)a.Length + b.Length + c.Length)
            {
                SendRest(a, ref sent, flags);
                SendRest(b, ref sent, flags);
                SendRest(c, ref sent, flags);
            }
        }
    }

    /// <summary>
    /// The common small operation: one sendmsg of the control block and one buffer, then one recv of its output. One
    /// method, so that the two calls share one P/Invoke frame. Returns 0, or the receive's errno for the caller to map
    /// (EBADMSG needs the caller's cleanup); <paramref name="received"/> is what that recv returned (a cipher whose
    /// output comes in parts receives the rest with <see cref="ReceiveExact"/>).
    /// </summary>
    /// <param name="control">The control block.</param>
    /// <param name="input">The whole message; queued in full (the rest by send() if sendmsg took less).</param>
    /// <param name="output">Where the output goes. Empty: one spare byte is offered (see <see cref="TryReceiveMessage"/>).</param>
    /// <param name="received">The bytes the one recv returned.</param>
    internal int TrySendReceive(ReadOnlySpan<byte> control, ReadOnlySpan<byte> input, Span<byte> output, out int received)
    {
        fixed (byte* pc = control)
        fixed (byte* pi = input)
        fixed (byte* po = output)
        {
            IoVec iov = new(pi, input.Length);
            MsgHdr msg = default;
            msg.Iov = &iov;
            msg.IovLength = input.IsEmpty ? 0u : 1u;
            msg.Control = pc;
            msg.ControlLength = (nuint)control.Length;
            nint n;
            while ((n = Libc.sendmsg(_raw, &msg, 0)) < 0)
            {
                ThrowUnlessInterrupted(Marshal.GetLastSystemError(), AlgCall.Send);
            }

            if (n < input.Length)
            {
                SendAll(input[(int)n..], 0);
            }

            byte spare = 0;
            byte* at = output.IsEmpty ? &spare : po;
            nuint room = output.IsEmpty ? 1 : (nuint)output.Length;
            while ((n = Libc.recv(_raw, at, room, 0)) < 0)
            {
                int errno = Marshal.GetLastSystemError();
                if (errno != Errno.EINTR)
                {
                    received = 0;
                    return errno;
                }
            }

            received = (int)n;
            return 0;
        }
    }

    /// <summary>recv() until <paramref name="destination"/> is full. Never asks for more than will come.</summary>
    /// <param name="destination">Exactly the output the queued input produces.</param>
    /// <param name="unit">
    /// For a piece sent with MSG_MORE: the processing unit the caller assumed (its block size). The kernel waits for
    /// a whole unit of its own before it computes anything, so were the caller's unit smaller than the kernel's, a
    /// blocking recv would wait forever; MSG_DONTWAIT turns that into EAGAIN (the wait for input is the only one it
    /// affects) and a clear error. 0: the message is complete, a blocking recv is right.
    /// </param>
    internal void ReceiveExact(Span<byte> destination, int unit = 0)
    {
        int flags = unit > 0 ? MSG_DONTWAIT : 0;
        fixed (byte* p = destination)
        {
            int done = 0;
            while (done < destination.Length)
            {
                nint n = Libc.recv(_raw, p + done, (nuint)(destination.Length - done), flags);
                if (n < 0)
                {
                    int errno = Marshal.GetLastSystemError();
                    if (unit > 0 && errno == Errno.EAGAIN)
                    {
                        throw new KernelCryptoException(
                            $"AF_ALG {Type} '{Algorithm}' is waiting for more input before it computes {destination.Length - done} more bytes: " +
                            $"the kernel's block (chunk) size for it is larger than, or not a divisor of, the {unit} bytes given as the block size. " +
                            "Pass the kernel's size (/proc/crypto: blocksize, chunksize) when opening the cipher. This stream cannot go on.",
                            Errno.EAGAIN, Algorithm);
                    }

                    ThrowUnlessInterrupted(errno, AlgCall.Receive);
                    continue;
                }

                if (n == 0)
                {
                    throw new KernelCryptoException($"AF_ALG {Type} '{Algorithm}' returned no data where {destination.Length - done} more bytes were expected.", 0, Algorithm);
                }

                done += (int)n;
            }
        }
    }

    /// <summary>One recv(); returns the byte count (for rng, which gives at most 128 per call).</summary>
    internal int ReceiveOnce(Span<byte> destination)
    {
        fixed (byte* p = destination)
        {
            nint n;
            while ((n = Libc.recv(_raw, p, (nuint)destination.Length, 0)) < 0)
            {
                ThrowUnlessInterrupted(Marshal.GetLastSystemError(), AlgCall.Receive);
            }

            return (int)n;
        }
    }

    /// <summary>
    /// One recvmsg for a digest: returns the byte count and whether the kernel had more (MSG_TRUNC: the digest is
    /// longer than <paramref name="destination"/>, which plain recv cannot tell).
    /// </summary>
    internal int ReceiveDigest(Span<byte> destination, out bool truncated)
    {
        fixed (byte* p = destination)
        {
            IoVec iov = new(p, destination.Length);
            MsgHdr msg = default;
            msg.Iov = &iov;
            msg.IovLength = 1;
            nint n;
            while ((n = Libc.recvmsg(_raw, &msg, 0)) < 0)
            {
                ThrowUnlessInterrupted(Marshal.GetLastSystemError(), AlgCall.Receive);
            }

            truncated = (msg.Flags & MSG_TRUNC) != 0;
            return (int)n;
        }
    }

    /// <summary>
    /// One recvmsg into up to three pieces that must be filled exactly (AEAD: one kernel request).
    /// Returns 0 or the errno for the caller to map (EBADMSG needs the caller's cleanup).
    /// </summary>
    internal int TryReceiveMessage(Span<byte> a, Span<byte> b, Span<byte> c)
    {
        fixed (byte* pa = a)
        fixed (byte* pb = b)
        fixed (byte* pc = c)
        {
            var iov = stackalloc IoVec[3];
            var msg = Pieces(iov, pa, a.Length, pb, b.Length, pc, c.Length);
            long expected = (long)a.Length + b.Length + c.Length;

            // aead_recvmsg loops "while (msg_data_left(msg))": with no room at all it returns 0 without running
            // the request, so an empty AEAD decryption would never check its tag. One spare byte makes it run;
            // the kernel writes nothing there.
            byte spare = 0;
            if (expected == 0)
            {
                iov[0] = new IoVec(&spare, 1);
                msg.IovLength = 1;
            }

            nint n;
            while ((n = Libc.recvmsg(_raw, &msg, 0)) < 0)
            {
                int errno = Marshal.GetLastSystemError();
                if (errno != Errno.EINTR)
                {
                    return errno;
                }
            }

            if (n != expected)
            {
                throw new KernelCryptoException($"AF_ALG {Type} '{Algorithm}' returned {n} bytes where {expected} were expected.", 0, Algorithm);
            }

            return 0;
        }
    }

    /// <summary>
    /// One recv() that must fill <paramref name="destination"/> exactly (one AEAD request into one buffer, as libkcapi's
    /// read). Returns 0 or the errno for the caller to map (EBADMSG needs the caller's cleanup).
    /// </summary>
    internal int TryReceiveExact(Span<byte> destination)
    {
        fixed (byte* p = destination)
        {
            // See TryReceiveMessage: an empty request still needs room for the kernel to run it.
            byte spare = 0;
            byte* at = destination.Length == 0 ? &spare : p;
            nuint room = destination.Length == 0 ? 1 : (nuint)destination.Length;
            nint n;
            while ((n = Libc.recv(_raw, at, room, 0)) < 0)
            {
                int errno = Marshal.GetLastSystemError();
                if (errno != Errno.EINTR)
                {
                    return errno;
                }
            }

            if (n != destination.Length)
            {
                throw new KernelCryptoException($"AF_ALG {Type} '{Algorithm}' returned {n} bytes where {destination.Length} were expected.", 0, Algorithm);
            }

            return 0;
        }
    }

    /// <summary>
    /// Queues <paramref name="data"/>, by vmsplice+splice when <paramref name="mode"/> and the size say so,
    /// else by send(). With <paramref name="more"/> false the message ends here.
    /// </summary>
    internal void SendData(ReadOnlySpan<byte> data, bool more, ZeroCopyMode mode, int threshold)
    {
        bool splice = data.Length > 0 && !_pipe.Refused && mode switch
        {
            ZeroCopyMode.Always => true,
            ZeroCopyMode.Never => false,
            _ => data.Length >= threshold,
        };
        int flags = more ? MSG_MORE : 0;
        if (!splice)
        {
            SendAll(data, flags);
            return;
        }

        // The last splice ends the message itself (no SPLICE_F_MORE), as libkcapi does: no empty send.
        var delivered = _pipe.SpliceInto(_fd, data, more, out var errno);
        if (errno != 0)
        {
            throw Error(errno, AlgCall.Send);
        }

        if (delivered < data.Length)
        {
            SendAll(data[delivered..], flags);
        }
    }

    /// <summary>
    /// Makes sure one kernel request of <paramref name="needed"/> bytes fits the socket buffers, raising them
    /// up to net.core.wmem_max/rmem_max when needed. Returns the largest request size that fits.
    /// </summary>
    /// <remarks>The buffers are queried once per socket (the first call); later calls that fit cost nothing.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int EnsureCapacity(long needed) => needed <= _capacity ? _capacity : RaiseCapacity(needed);

    private int RaiseCapacity(long needed)
    {
        if (_capacity == 0)
        {
            _capacity = QueryCapacity();
        }

        if (needed > _capacity && !_buffersRaised)
        {
            _buffersRaised = true;
            int want = int.MaxValue / 2; // the kernel caps at wmem_max/rmem_max and doubles
            SetBuffer(SO_SNDBUF, want);
            SetBuffer(SO_RCVBUF, want);
            _capacity = QueryCapacity();
        }

        return _capacity;
    }

    /// <summary>Closes the socket now, or (while an operation runs) when it ends. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CloseIfIdle();
        }
    }

    private void CloseIfIdle()
    {
        if (Interlocked.CompareExchange(ref _state, Closed, Idle) == Idle)
        {
            _fd.Dispose();
            _pipe.Dispose();
        }
    }

    /// <summary>Enter's rare outcomes, out of its inlined path: disposed meanwhile, or inherited through fork.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterRefused(object owner, int state)
    {
        ObjectDisposedException.ThrowIf(state == Closed || IsDisposed, owner);
        throw new InvalidOperationException(
            $"This {owner.GetType().Name} is already in use by another thread. One instance serves one thread at a time; use one instance per thread or the static one-shot methods.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterFailed(object owner)
    {
        bool disposed = IsDisposed;
        Exit();
        ObjectDisposedException.ThrowIf(disposed, owner);
        throw new InvalidOperationException(
            $"This {owner.GetType().Name} was created in process {ProcessStamp}, and this is a child forked from it (process {ForkGuard.Stamp}). " +
            "Its kernel socket is shared with the parent, whose messages would interleave with this process's. Create a new instance in the child.");
    }

    private void SendRest(ReadOnlySpan<byte> piece, ref long sent, int flags)
    {
        if (sent >= piece.Length)
        {
            sent -= piece.Length;
            return;
        }

        SendAll(piece[(int)sent..], flags);
        sent = 0;
    }

    private int QueryCapacity()
    {
        // af_alg_sndbuf/rcvbuf round down to pages and stop taking data once less than a page is left.
        int send = GetBuffer(SO_SNDBUF) & ~(PageSize - 1);
        int receive = GetBuffer(SO_RCVBUF) & ~(PageSize - 1);
        int capacity = Math.Max(Math.Min(send, receive) - PageSize, PageSize);
        return KernelCopies ? Math.Min(capacity, CopyLimit) : capacity;
    }

    // Linux 7.2+ copy skcipher and AEAD data instead of mapping the caller's pages. Measured on 7.2.12 (net.core.wmem_max
    // 4 MiB, so 8 MiB socket buffers): a 5,160,976-byte GCM or XTS request fails with ENOMEM on receive, 4 MiB works;
    // with buffers of 4 MiB and less the buffer is the limit, as before (docs/kernels.md).
    private const int CopyLimit = (4 << 20) - PageSize;

    private static readonly bool KernelCopies = KernelEnvironment.Version >= new Version(7, 2);

    private int GetBuffer(int option)
    {
        int value = 0;
        uint len = sizeof(int);
        if (Libc.getsockopt(_fd, SOL_SOCKET, option, (byte*)&value, &len) != 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), AlgCall.SocketBuffer);
        }

        return value;
    }

    private void SetBuffer(int option, int value)
    {
        // Failure only means the buffer stays as it was; the capacity check that follows reports the limit.
        _ = Libc.setsockopt(_fd, SOL_SOCKET, option, (byte*)&value, sizeof(int));
    }

    /// <summary>
    /// One iovec per non-empty piece, in a message header without control data. The kernel turns a single iovec into
    /// ITER_UBUF, whose copies and page extraction are cheaper than walking an iovec array with empty entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static MsgHdr Pieces(IoVec* iov, byte* a, int aLength, byte* b, int bLength, byte* c, int cLength)
    {
        nuint count = 0;
        if (aLength > 0)
        {
            iov[count++] = new IoVec(a, aLength);
        }

        if (bLength > 0)
        {
            iov[count++] = new IoVec(b, bLength);
        }

        if (cLength > 0)
        {
            iov[count++] = new IoVec(c, cLength);
        }

        MsgHdr msg = default;
        msg.Iov = iov;
        msg.IovLength = count;
        return msg;
    }

    /// <summary>For the int-descriptor calls, which set no P/Invoke error: the caller passes errno, read right after the -1.</summary>
    private void ThrowUnlessInterrupted(int errno, AlgCall call)
    {
        if (errno != Errno.EINTR)
        {
            throw Error(errno, call);
        }
    }
}
