using System.Runtime.ExceptionServices;

namespace TypedAlg.Reliability.KernelTests.Support;

/// <summary>
/// Runs work on a thread of its own and rethrows its exception on the test's thread. An exception escaping a bare
/// thread ends the whole test process (and with it the guest's run), so no test starts a thread without this.
/// </summary>
internal static class TestThread
{
    /// <summary>Runs <paramref name="work"/> on a new thread, waits for it, and rethrows what it threw.</summary>
    internal static void Run(Action work)
    {
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                work();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        error?.Throw();
    }
}
