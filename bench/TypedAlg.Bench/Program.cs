using System.Runtime.InteropServices;
using System.Text;
using TypedAlg.Bench;

// The managed side of the benchmark (see bench/README.md). Output is one tab-separated line per (impl, op, size):
//   time:  impl  op  size  ops_per_second  managed_bytes_per_op
//   count: impl  op  size  count  N        (between "TABENCH begin/end" markers that bench/guest.sh finds in strace output)
//
//   TypedAlg.Bench time  OPS SIZES WARMUP_MS BATCH_MS BATCHES [IMPLS]   IMPLS: typedalg,dotnet (default both)
//   TypedAlg.Bench count OPS SIZES N
// An entry of OPS may carry its own sizes, "op:4096/65536", overriding SIZES for that op.
if (args.Length < 4 || args[0] is not ("time" or "count"))
{
    Console.Error.WriteLine("usage: TypedAlg.Bench time OPS SIZES WARMUP_MS BATCH_MS BATCHES [IMPLS] | count OPS SIZES N");
    return 2;
}

var defaultSizes = ParseSizes(args[2], ',');
(string Op, int[] Sizes)[] cells = [.. args[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e =>
    e.Split(':') is [string op, string own] ? (op, ParseSizes(own, '/')) : (e, defaultSizes))];
var status = 0;

if (args[0] == "count")
{
    var count = long.Parse(args[3]);
    foreach ((var op, var sizes) in cells)
    {
        foreach (var size in sizes)
        {
            // Same rule as kcapi-bench: see bench/guest.sh.
            if (op == "drbg-nopr-sha256" && size > 8192)
            {
                continue;
            }

            var n = size >= 8192 ? 1 : count;
            using var o = Operations.Create("typedalg", op, size);
            // A warm-up call first: lazy setup (thread caches, the splice pipe) is not per-operation cost.
            o.Run();
            Marker.Write($"TABENCH begin {op} {size} {n}");
            for (long i = 0; i < n; i++)
            {
                o.Run();
            }

            Marker.Write($"TABENCH end {op} {size} {n}");
            Console.WriteLine($"typedalg\t{op}\t{size}\tcount\t{n}");
        }
    }

    return status;
}

var warmupMs = double.Parse(args[3]);
var batchMs = double.Parse(args[4]);
var batches = int.Parse(args[5]);
var impls = args.Length > 6 ? args[6].Split(',') : ["typedalg", "dotnet"];
foreach ((var op, var sizes) in cells)
{
    foreach (var size in sizes)
    {
        // The implementations take turns cell by cell, so slow drift in the guest hits both alike.
        foreach (var impl in impls)
        {
            if (!Operations.Has(impl, op))
            {
                continue;
            }

            try
            {
                using var o = Operations.Create(impl, op, size);
                (var rate, var bytesPerOp) = Timing.Measure(o, warmupMs, batchMs, batches);
                Console.WriteLine($"{impl}\t{op}\t{size}\t{rate:F3}\t{bytesPerOp:F1}");
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"{impl} {op} {size}: {e.GetType().Name}: {e.Message}");
                Console.WriteLine($"{impl}\t{op}\t{size}\terror\t-");
                status = 1;
            }
        }
    }
}

return status;

static int[] ParseSizes(string list, char separator) => [.. list.Split(separator, StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

namespace TypedAlg.Bench
{
    internal static class Timing
    {
        /// <summary>Median ops/s over the batches, and managed bytes allocated per operation over all of them.</summary>
        public static (double Rate, double BytesPerOp) Measure(Operation o, double warmupMs, double batchMs, int batches)
        {
            RunFor(o, warmupMs, out _);
            var rates = new double[batches];
            long ops = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < batches; i++)
            {
                rates[i] = RunFor(o, batchMs, out var n);
                ops += n;
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Array.Sort(rates);
            return (rates[batches / 2], (double)allocated / ops);
        }

        private static double RunFor(Operation o, double ms, out long n)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var end = start + (long)(ms * System.Diagnostics.Stopwatch.Frequency / 1000);
            long t;
            n = 0;
            do
            {
                o.Run();
                n++;
            }
            while ((t = System.Diagnostics.Stopwatch.GetTimestamp()) < end);
            return n * (double)System.Diagnostics.Stopwatch.Frequency / (t - start);
        }
    }

    /// <summary>A write to fd -1: fails at once with EBADF, and strace shows the text (the same marker as kcapi-bench).</summary>
    internal static unsafe partial class Marker
    {
        public static void Write(string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            fixed (byte* p = bytes)
            {
                _ = write(-1, p, (nuint)bytes.Length);
            }
        }

        [LibraryImport("libc")]
        private static partial nint write(int fd, byte* buffer, nuint count);
    }
}
