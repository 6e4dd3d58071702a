using System.Runtime.InteropServices;
using TypedAlg.Runtime.Interop;
using static TypedAlg.Runtime.Interop.AlgConstants;

namespace TypedAlg.Runtime;

/// <summary>
/// The pipe of an operation socket's zero-copy sends, as libkcapi's <c>kcapi_handle.pipes</c>: vmsplice maps the
/// caller's pages into the pipe, splice moves them on into the socket. Opened on first use. It tells a kernel or
/// sandbox that will not splice (<see cref="Refused"/>) from an error, whose errno it returns for the caller to map.
/// </summary>
internal sealed unsafe class SplicePipe : IDisposable
{
    /// <summary>A pipe holds 16 pages by default; one vmsplice moves at most this much.</summary>
    internal const int PipeChunk = 64 * 1024;

    /// <summary>The pipe size asked for (fs.pipe-max-size's default): a 1 MiB input then takes one vmsplice+splice pair.</summary>
    private const int LargePipe = 1024 * 1024;

    private const int F_SETPIPE_SZ = 1031;

    private SafeFdHandle? _read;
    private SafeFdHandle? _write;
    private int _size = PipeChunk;

    /// <summary>Whether splicing was refused (no pipe, or the kernel or a seccomp filter said no): send() from now on.</summary>
    internal bool Refused { get; private set; }

    /// <summary>Bytes moved into sockets so far (tests use it to prove the zero-copy path ran).</summary>
    internal long SplicedBytes { get; private set; }

    /// <summary>
    /// Moves <paramref name="data"/> through the pipe into <paramref name="socket"/>; returns how much arrived before
    /// a refusal (the caller sends the rest) or an error (its errno in <paramref name="errno"/>, else 0). Every splice
    /// but the last carries SPLICE_F_MORE; the last one does when <paramref name="more"/> says so.
    /// </summary>
    internal int SpliceInto(SafeFdHandle socket, ReadOnlySpan<byte> data, bool more, out int errno)
    {
        errno = 0;
        if (!EnsureOpen())
        {
            Refused = true;
            return 0;
        }

        fixed (byte* p = data)
        {
            var delivered = 0;
            while (delivered < data.Length)
            {
                var iov = new IoVec(p + delivered, Math.Min(_size, data.Length - delivered));
                var inPipe = Libc.vmsplice(_write!, &iov, 1, 0);
                if (inPipe < 0)
                {
                    errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    errno = Refuse(errno);
                    return delivered;
                }

                // Pages left in the pipe after a partial splice make the kernel add MSG_MORE by itself.
                var spliceFlags = more || delivered + inPipe < data.Length ? SPLICE_F_MORE : 0;
                while (inPipe > 0)
                {
                    var moved = Libc.splice(_read!, null, socket, null, (nuint)inPipe, spliceFlags);
                    if (moved < 0)
                    {
                        errno = Marshal.GetLastPInvokeError();
                        if (errno == Errno.EINTR)
                        {
                            continue;
                        }

                        // The pipe still references the caller's pages: drop it so nothing stale is sent later.
                        Dispose();
                        errno = Refuse(errno);
                        return delivered;
                    }

                    inPipe -= moved;
                    delivered += (int)moved;
                    SplicedBytes += moved;
                }
            }

            errno = 0;
            return delivered;
        }
    }

    public void Dispose()
    {
        _read?.Dispose();
        _write?.Dispose();
        _read = null;
        _write = null;
    }

    /// <summary>EPERM (seccomp), EINVAL, ENOSYS and EOPNOTSUPP mean "this kernel or sandbox will not splice": 0, and send from now on.</summary>
    private int Refuse(int errno)
    {
        if (errno is Errno.EPERM or Errno.EINVAL or Errno.ENOSYS or Errno.EOPNOTSUPP)
        {
            Refused = true;
            return 0;
        }

        return errno;
    }

    private bool EnsureOpen()
    {
        if (_read is not null)
        {
            return true;
        }

        var fds = stackalloc int[2];
        if (Libc.pipe2(fds, O_CLOEXEC) != 0)
        {
            return false;
        }

        _read = new SafeFdHandle(fds[0]);
        _write = new SafeFdHandle(fds[1]);
        // A larger pipe moves large inputs in fewer vmsplice+splice pairs; the default size still works.
        var size = Libc.fcntl(_write, F_SETPIPE_SZ, LargePipe);
        _size = size >= PipeChunk ? size : PipeChunk;
        return true;
    }
}
