using TypedAlg.Runtime.Interop;
using static TypedAlg.Runtime.Interop.AlgConstants;

namespace TypedAlg.Runtime;

/// <summary>
/// Tells a forked child from the process that opened a socket, without a system call per operation. A child inherits
/// every descriptor, so an operation socket opened before fork() is shared by two processes whose messages would
/// interleave. The process id is kept in a page marked MADV_WIPEONFORK (Linux 4.14+): in a child the page reads as
/// zero until the child opens its first socket and writes its own id there. Each socket records the value it was
/// opened under; a different value later means "opened in another process".
/// </summary>
internal static unsafe class ForkGuard
{
    private const int PROT_READ = 1;
    private const int PROT_WRITE = 2;
    private const int MAP_PRIVATE = 2;
    private const int MAP_ANONYMOUS = 0x20;
    private const int MADV_WIPEONFORK = 18;

    // Null when the kernel cannot wipe on fork: then every check asks getpid().
    private static readonly int* s_page = MapPage();

    /// <summary>This process's stamp for a socket it opens now (writes it into the page in a new child).</summary>
    internal static int Stamp
    {
        get
        {
            if (s_page == null)
            {
                return Libc.getpid();
            }

            var stamp = Volatile.Read(ref *s_page);
            if (stamp == 0)
            {
                stamp = Libc.getpid();
                Volatile.Write(ref *s_page, stamp);
            }

            return stamp;
        }
    }

    /// <summary>Whether a socket stamped <paramref name="stamp"/> was opened by this process (one memory read).</summary>
    // Inlined into every operation's Enter: the getpid fallback stays out of line, or its P/Invoke frame setup would be
    // inlined (and paid) too.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool IsThisProcess(int stamp) => s_page != null ? stamp == Volatile.Read(ref *s_page) : IsThisProcessByPid(stamp);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool IsThisProcessByPid(int stamp) => stamp == Libc.getpid();

    /// <summary>Tests: makes this process look like a freshly forked child (the page reads as zero, as after fork).</summary>
    internal static void WipeAsIfForked()
    {
        if (s_page != null)
        {
            Volatile.Write(ref *s_page, 0);
        }
    }

    private static int* MapPage()
    {
        var page = Libc.mmap(null, PageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page == (void*)-1)
        {
            return null;
        }

        if (Libc.madvise(page, PageSize, MADV_WIPEONFORK) != 0)
        {
            return null; // the page stays mapped (4 KiB, once per process): harmless
        }

        *(int*)page = Libc.getpid();
        return (int*)page;
    }
}
