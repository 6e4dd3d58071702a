using System.Runtime.InteropServices;

namespace TypedAlg.Reliability.KernelTests.Support;

/// <summary>
/// Makes the kernel answer EINTR to the AF_ALG system calls of one thread, every other time, without running them
/// (seccomp user notification: the first sighting of a call is answered -EINTR, the retry is let through).
/// A real EINTR needs a signal handler installed without SA_RESTART landing while the call blocks, which no test can
/// time; this gives the same return value at every call site, deterministically.
/// </summary>
public sealed unsafe class EintrInjector : IDisposable
{
    // x86-64 system call numbers of every call the runtime retries on EINTR.
    private static readonly uint[] s_trapped =
    [
        44,  // sendto (send)
        45,  // recvfrom (recv)
        46,  // sendmsg
        47,  // recvmsg
        49,  // bind
        54,  // setsockopt
        275, // splice
        278, // vmsplice
        288, // accept4
    ];

    private const uint AuditArchX8664 = 0xC000003E;
    private const uint RetAllow = 0x7fff0000;
    private const uint RetUserNotif = 0x7fc00000;
    private const int SeccompSetModeFilter = 1;
    private const int SeccompFilterFlagNewListener = 1 << 3;
    private const nuint NotifRecv = 0xC0502100; // _IOWR('!', 0, struct seccomp_notif)
    private const nuint NotifSend = 0xC0182101; // _IOWR('!', 1, struct seccomp_notif_resp)
    private const uint FlagContinue = 1;
    private const int PR_SET_NO_NEW_PRIVS = 38;

    private readonly int _listener;
    private readonly Thread _supervisor;
    private readonly Func<int, long?>? _decide;
    private volatile bool _stop;
    private long _injected;
    private long _passed;

    private EintrInjector(int listener, Func<int, long?>? decide)
    {
        _listener = listener;
        _decide = decide;
        _supervisor = new Thread(Supervise) { IsBackground = true, Name = "eintr-supervisor" };
        _supervisor.Start();
    }

    /// <summary>EINTR answers given so far.</summary>
    public long Injected => Interlocked.Read(ref _injected);

    /// <summary>Calls let through to the kernel so far.</summary>
    public long Passed => Interlocked.Read(ref _passed);

    /// <summary>
    /// Runs <paramref name="work"/> on a new thread whose trapped calls are interrupted; returns the injector after the
    /// work finished (the thread, and with it the filter, is gone then). Exceptions from the work are rethrown.
    /// </summary>
    public static (EintrInjector Injector, Exception? Error) Run(Action work) => Run(work, null);

    /// <summary>
    /// Like <see cref="Run(Action)"/>, but <paramref name="decide"/> answers each trapped call (given its x86-64 number):
    /// null lets it run, a negative value fails it with that -errno without running it, any other value is returned as
    /// its result without running it. <paramref name="decide"/> runs on the supervisor thread while the call waits.
    /// </summary>
    public static (EintrInjector Injector, Exception? Error) Run(Action work, Func<int, long?>? decide)
    {
        var listener = -1;
        Exception? error = null;
        using var installed = new ManualResetEventSlim();
        using var go = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            try
            {
                listener = InstallFilterOnThisThread();
            }
            catch (Exception e)
            {
                error = e;
                return;
            }
            finally
            {
                installed.Set();
            }

            go.Wait();
            try
            {
                work();
            }
            catch (Exception e)
            {
                error = e;
            }
        }) { Name = "eintr-worker" };
        worker.Start();
        installed.Wait();
        if (listener < 0)
        {
            worker.Join();
            throw new InvalidOperationException("Installing the seccomp filter failed.", error);
        }

        // The supervisor starts from this thread: a thread started by the worker would inherit its filter.
        var injector = new EintrInjector(listener, decide);
        go.Set();
        worker.Join();
        return (injector, error);
    }

    public void Dispose()
    {
        _stop = true;
        _supervisor.Join();
        Native.close(_listener);
    }

    private static int InstallFilterOnThisThread()
    {
        // Without CAP_SYS_ADMIN a filter needs no_new_privs; it is per thread, like the filter.
        if (Native.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        {
            throw new InvalidOperationException($"prctl(NO_NEW_PRIVS) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var program = new List<ulong>
        {
            Statement(0x20, 4),                               // ld [4]: arch
            Jump(0x15, AuditArchX8664, 0, (byte)(s_trapped.Length + 1)), // other arch: allow
            Statement(0x20, 0),                               // ld [0]: nr
        };
        for (var i = 0; i < s_trapped.Length; i++)
        {
            // Match: jump over the remaining comparisons and the allow to the notify return.
            program.Add(Jump(0x15, s_trapped[i], (byte)(s_trapped.Length - i), 0));
        }

        program.Add(Statement(0x06, RetAllow));
        program.Add(Statement(0x06, RetUserNotif));
        ulong[] filter = [.. program];
        fixed (ulong* f = filter)
        {
            // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
            var fprog = stackalloc ulong[2];
            fprog[0] = (ulong)filter.Length;
            fprog[1] = (ulong)f;
            var fd = Native.syscall((nint)Native.SYS_seccomp, SeccompSetModeFilter, SeccompFilterFlagNewListener, (nint)fprog, 0, 0);
            if (fd < 0)
            {
                throw new InvalidOperationException($"seccomp(SET_MODE_FILTER, NEW_LISTENER) failed: errno {Marshal.GetLastPInvokeError()}");
            }

            return (int)fd;
        }
    }

    // struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; } packed little-endian into 8 bytes.
    private static ulong Statement(ushort code, uint k) => code | ((ulong)k << 32);

    private static ulong Jump(ushort code, uint k, byte jt, byte jf) => code | ((ulong)jt << 16) | ((ulong)jf << 24) | ((ulong)k << 32);

    private void Supervise()
    {
        var notif = stackalloc byte[80];
        var response = stackalloc byte[24];
        var interrupt = true;
        Native.PollFd pfd = new() { Fd = _listener, Events = 1 };
        while (!_stop)
        {
            pfd.ReturnedEvents = 0;
            if (Native.poll(&pfd, 1, 50) <= 0 || (pfd.ReturnedEvents & 1) == 0)
            {
                continue;
            }

            new Span<byte>(notif, 80).Clear(); // the kernel refuses a non-zeroed struct
            if (Native.ioctl(_listener, NotifRecv, notif) != 0)
            {
                continue;
            }

            new Span<byte>(response, 24).Clear();
            *(ulong*)response = *(ulong*)notif; // id
            if (_decide is not null)
            {
                // struct seccomp_notif: u64 id, u32 pid, u32 flags, struct seccomp_data { int nr; ... }
                var answer = _decide(*(int*)(notif + 16));
                if (answer is null)
                {
                    *(uint*)(response + 20) = FlagContinue;
                }
                else if (answer < 0)
                {
                    *(int*)(response + 16) = (int)answer.Value;
                }
                else
                {
                    *(long*)(response + 8) = answer.Value; // val
                }

                if (Native.ioctl(_listener, NotifSend, response) == 0)
                {
                    Interlocked.Increment(ref answer is null ? ref _passed : ref _injected);
                }

                continue;
            }

            if (interrupt)
            {
                *(int*)(response + 16) = -Native.EINTR;
            }
            else
            {
                *(uint*)(response + 20) = FlagContinue;
            }

            // ENOENT here means the call went away (restarted after a signal): nothing to count.
            if (Native.ioctl(_listener, NotifSend, response) == 0)
            {
                Interlocked.Increment(ref interrupt ? ref _injected : ref _passed);
                interrupt = !interrupt;
            }
        }
    }
}
