using System.Diagnostics;
using System.Reflection;
using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// 8 threads of mixed operations on per-thread instances and the shared static one-shots, and one instance shared by
/// two threads. ./test runs 8 x 10,000 (about 10 s in a guest). A watchdog turns a hang into a failure that names the
/// system call each stuck thread waits in (/proc/self/task/*/syscall).
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 8;

    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(5);

    [Fact]
    public void EightThreadsOfMixedOperationsGiveCorrectResults()
    {
        var perThread = Settings.ConcurrencyOpsPerThread;
        var workload = new Workload(seed: 11);
        var before = Fds.Count();
        var wrong = 0;
        long done = 0;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new Barrier(Threads);
        var stopwatch = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            Workload.Instances mine;
            try
            {
                mine = new Workload.Instances(workload);
            }
            catch (Exception e)
            {
                // Without this a thread that cannot open its instances leaves the others at the barrier until the watchdog.
                errors.Enqueue(e);
                start.RemoveParticipant();
                return;
            }

            try
            {
                using var _ = mine;
                var random = new Random(1000 + t);
                start.SignalAndWait();
                for (var i = 0; i < perThread; i++)
                {
                    if (!workload.Run(mine, random.Next(Workload.Kinds), random.Next(64)))
                    {
                        Interlocked.Increment(ref wrong);
                    }

                    Interlocked.Increment(ref done);
                }
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        }) { IsBackground = true, Name = $"mixed-{t}" }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            var left = Watchdog - stopwatch.Elapsed;
            Assert.True(thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero),
                $"{Interlocked.Read(ref done)} of {Threads * perThread} operations after {Watchdog.TotalMinutes} minutes; threads in system calls:\n{BlockedThreads()}\nErrors so far: {string.Join("\n", errors)}");
        }

        stopwatch.Stop();
        TestContext.Current.SendDiagnosticMessage($"{done} operations on {Threads} threads in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(errors);
        Assert.Equal(0, wrong);
        Assert.Equal((long)Threads * perThread, done);

        // The static one-shots keep a socket per thread until the thread's cache is collected.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(before, Fds.Count());
    }

    /// <summary>Each thread's name and /proc syscall line (number, arguments) when it is blocked in the kernel.</summary>
    private static string BlockedThreads()
    {
        var lines = new List<string>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var syscall = File.ReadAllText(Path.Combine(task, "syscall")).Trim();
                if (syscall != "running")
                {
                    lines.Add($"{File.ReadAllText(Path.Combine(task, "comm")).Trim()}: {syscall}");
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return string.Join("\n", lines);
    }

    public static TheoryData<string> Kinds => ["hash", "skcipher", "stream", "aead", "rng"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void InstanceHeldByOneThreadIsRefusedToAnother(string kind)
    {
        if (kind == "rng" && !ThisBoot.ServesDrbg)
        {
            ThisBoot.AssertNoDrbg(() => new RngCore("stdrng").Dispose());
            return;
        }

        using var ctr = new SkcipherCore("ctr(aes)", new byte[16], 16, 1);
        (var instance, var use, var holder) = kind switch
        {
            "hash" => Make(new HashCore("sha256", 32), h => h.HashData("a"u8, new byte[32])),
            "skcipher" => Make(new SkcipherCore("cbc(aes)", new byte[16], 16, 16), c => c.Encrypt(new byte[16], new byte[16], new byte[16])),
            "stream" => Make(ctr.CreateEncryptor(new byte[16]), s => s.Update(new byte[64], new byte[64])),
            "aead" => Make(new AeadCore("gcm(aes)", new byte[16], 12, 16), a => a.Encrypt(new byte[12], default, default, new byte[16])),
            _ => Make(new RngCore("stdrng"), r => r.Fill(new byte[8])),
        };
        using (instance)
        {
            // Deterministic: hold the instance's operation socket as a running operation on another thread would.
            var op = holder.GetType().GetField("_op", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(holder)!;
            op.GetType().GetMethod("Enter", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(op, [holder]);
            Exception? seen = null;
            var other = new Thread(() => seen = Record.Exception(use));
            other.Start();
            other.Join();
            op.GetType().GetMethod("Exit", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(op, null);
            var refused = Assert.IsType<InvalidOperationException>(seen);
            Assert.Contains("another thread", refused.Message);
            use(); // released: usable again, nothing half-done on the socket
        }

        static (IDisposable, Action, object) Make<T>(T instance, Action<T> use)
            where T : IDisposable => (instance, () => use(instance), instance);
    }

    [Fact]
    public void TwoThreadsRacingOnOneInstanceAreRefusedNeverCorrupted()
    {
        var key = Reference.Bytes(16, 21);
        var iv = Reference.Bytes(16, 22);
        var data = Reference.Bytes(128 * 1024, 23);
        var expected = Reference.Cbc(key, iv, data);
        using var shared = new SkcipherCore("cbc(aes)", key, 16, 16);
        int refused = 0, wrong = 0;
        var other = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            var output = new byte[data.Length];
            start.SignalAndWait();
            for (var i = 0; i < 200 && Volatile.Read(ref refused) < 5; i++)
            {
                try
                {
                    shared.Encrypt(iv, data, output);
                    if (!output.AsSpan().SequenceEqual(expected))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    other.Enqueue(e); // EBUSY from the kernel would mean the check let two senders through
                }
            }
        })).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        Assert.Empty(other);
        Assert.Equal(0, wrong);
        Assert.True(refused > 0, "two threads never overlapped on the shared instance");
    }
}
