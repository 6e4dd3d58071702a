using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;

// Turns one guest run (bench/guest.sh's output folder) into bench/results/<kernel>.md and <kernel>.png.
//   TypedAlg.Bench.Report RAW_DIR RESULTS_DIR KERNEL_LABEL COMMAND SETTINGS
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: TypedAlg.Bench.Report RAW_DIR RESULTS_DIR KERNEL_LABEL COMMAND SETTINGS");
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string raw = args[0], results = args[1], label = args[2], command = args[3], settings = args[4];
string[] opOrder = ["sha256", "hmac-sha256", "cbc-aes128-enc", "gcm-aes128-enc", "gcm-aes128-dec", "drbg-nopr-sha256"];
string[] impls = ["typedalg", "libkcapi", "dotnet"];
Dictionary<string, string> names = new() { ["typedalg"] = "TypedAlg", ["libkcapi"] = "libkcapi", ["dotnet"] = ".NET (OpenSSL)" };

// rep, impl, op, size, rate ("timeout"/"error" when the cell failed), bytes/op ("-" for C)
var samples = File.ReadAllLines(Path.Combine(raw, "raw.tsv"))
    .Select(l => l.Split('\t')).Where(f => f.Length == 6)
    .Select(f => new Sample(int.Parse(f[0]), f[1], f[2], int.Parse(f[3]), Num(f[4]), Num(f[5]), f[4]))
    .ToList();
var count = int.Parse(File.ReadAllText(Path.Combine(raw, "count")).Trim());
var syscalls = new Dictionary<string, Dictionary<(string, int), Dictionary<string, double>>>
{
    ["typedalg"] = Strace.Count(Path.Combine(raw, "strace-typedalg.txt")),
    ["libkcapi"] = Strace.Count(Path.Combine(raw, "strace-libkcapi.txt")),
};
var kernel = File.ReadAllText(Path.Combine(raw, "kernel")).Trim();
var cpu = File.ReadAllText(Path.Combine(raw, "cpu")).Trim();
int[] sizes = [.. samples.Select(s => s.Size).Distinct().Order()];
string[] ops = [.. opOrder.Where(o => samples.Any(s => s.Op == o))];
var reps = samples.Max(s => s.Rep);

double? Median(string impl, string op, int size)
{
    double[] v = [.. samples.Where(s => s.Impl == impl && s.Op == op && s.Size == size && s.Rate is not null).Select(s => s.Rate!.Value).Order()];
    return v.Length == 0 ? null : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
}

string Failure(string impl, string op, int size) =>
    samples.FirstOrDefault(s => s.Impl == impl && s.Op == op && s.Size == size && s.Rate is null)?.RateText ?? "n/a";

var md = new StringBuilder();
md.AppendLine($"# Benchmark: TypedAlg, libkcapi and System.Security.Cryptography on Linux {kernel}");
md.AppendLine();
md.AppendLine($"Made by `{command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Guest CPU: {cpu}, under qemu software emulation (TCG):");
md.AppendLine("absolute numbers are emulated and mean little; ratios measured in the same boot are what count.");
md.AppendLine();
md.AppendLine($"Settings: {settings}. Each figure is the median over {reps} repetitions of the median of the timed batches;");
md.AppendLine("libkcapi and the managed runner alternate in one boot and swap order every repetition. TypedAlg and .NET take turns cell by cell.");
md.AppendLine("TypedAlg/libkcapi is the ratio of operations per second (above 1.0 means TypedAlg is faster), with its range over the repetitions.");
md.AppendLine($"System calls per operation come from a separate strace pass ({count} operations per cell below 8 KiB, one from 8 KiB up; calls of the measuring thread only).");
md.AppendLine("Managed bytes per operation: GC.GetAllocatedBytesForCurrentThread over all timed operations. Buffers are page-aligned native memory in every implementation.");
md.AppendLine();
md.AppendLine("| operation | size | TypedAlg ops/s | libkcapi ops/s | .NET ops/s | TypedAlg MB/s | libkcapi MB/s | .NET MB/s | TypedAlg/libkcapi | syscalls/op TypedAlg | syscalls/op libkcapi | managed B/op TypedAlg | managed B/op .NET |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
var ratios = new List<(string Op, int Size, double Ratio)>();
foreach (var op in ops)
{
    foreach (var size in sizes)
    {
        var cells = new StringBuilder();
        double?[] rate = [.. impls.Select(i => Median(i, op, size))];
        foreach ((var r, var impl) in rate.Zip(impls))
        {
            cells.Append($" {(r is null ? Failure(impl, op, size) : Fmt(r.Value))} |");
        }

        foreach ((var r, var impl) in rate.Zip(impls))
        {
            cells.Append($" {(r is null ? "" : Fmt(r.Value * size / 1e6))} |");
        }

        var ratio = "";
        if (rate[0] is double t && rate[1] is double k)
        {
            double[] perRep = [.. Enumerable.Range(1, reps)
                .Select(rep => (T: samples.FirstOrDefault(s => s.Rep == rep && s.Impl == "typedalg" && s.Op == op && s.Size == size)?.Rate,
                                K: samples.FirstOrDefault(s => s.Rep == rep && s.Impl == "libkcapi" && s.Op == op && s.Size == size)?.Rate))
                .Where(p => p.T is not null && p.K is not null).Select(p => p.T!.Value / p.K!.Value)];
            ratios.Add((op, size, t / k));
            ratio = $"**{t / k:F2}x** ({perRep.Min():F2}-{perRep.Max():F2})";
        }
        else if (rate[0] is not null)
        {
            ratio = "libkcapi did not finish";
        }

        cells.Append($" {ratio} | {Calls("typedalg", op, size)} | {Calls("libkcapi", op, size)} |");
        cells.Append($" {Bytes("typedalg", op, size)} | {Bytes("dotnet", op, size)} |");
        md.AppendLine($"| {op} | {SizeText(size)} |{cells}");
    }
}

md.AppendLine();
if (ratios.Count > 0)
{
    var geo = Math.Exp(ratios.Average(r => Math.Log(r.Ratio)));
    var below = ratios.Where(r => r.Ratio < 1.0).Select(r => $"{r.Op} {SizeText(r.Size)} ({r.Ratio:F2}x)").ToList();
    md.AppendLine($"Geometric mean of TypedAlg/libkcapi over {ratios.Count} cells: **{geo:F2}x**. " +
        (below.Count == 0 ? "TypedAlg is at least as fast as libkcapi in every cell." : $"Below 1.0x: {string.Join(", ", below)}."));
    md.AppendLine();
}

md.AppendLine("## System calls per operation, by call");
md.AppendLine();
md.AppendLine("| operation | size | TypedAlg | libkcapi |");
md.AppendLine("|---|---:|---|---|");
foreach (var op in ops)
{
    foreach (var size in sizes)
    {
        md.AppendLine($"| {op} | {SizeText(size)} | {Mix("typedalg", op, size)} | {Mix("libkcapi", op, size)} |");
    }
}

var tunePath = Path.Combine(raw, "tune.tsv");
if (File.Exists(tunePath))
{
    md.AppendLine();
    md.AppendLine("## TypedAlg tuning variants (same boot, measured once after the repetitions)");
    md.AppendLine();
    md.AppendLine("`@sendmsg`/`@splice`: ZeroCopyMode.Never/Always. `@stream16k`/`@stream64k`: one SkcipherStream per message fed in pieces of that size.");
    md.AppendLine("`@no-reuse`: the static HmacSha256.Compute(key, data), a new socket pair per call. `@instance`: Sha256 Append + GetHashAndReset.");
    md.AppendLine("The default column is TypedAlg's median from the table above (default settings: ciphers spliced from 16 KiB, hashes never spliced, AEAD never spliced, 64 KiB chunks).");
    md.AppendLine();
    md.AppendLine("| variant | size | ops/s | MB/s | default TypedAlg ops/s | variant/default | libkcapi ops/s | variant/libkcapi | managed B/op |");
    md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var f in File.ReadAllLines(tunePath).Select(l => l.Split('\t')).Where(f => f.Length == 5))
    {
        var size = int.Parse(f[2]);
        var baseOp = f[1].Split('@')[0];
        var r = Num(f[3]);
        var d = Median("typedalg", baseOp, size);
        var k = Median("libkcapi", baseOp, size);
        md.AppendLine($"| {f[1]} | {SizeText(size)} | {(r is null ? f[3] : Fmt(r.Value))} | {(r is null ? "" : Fmt(r.Value * size / 1e6))} | " +
            $"{(d is null ? "" : Fmt(d.Value))} | {(r is null || d is null ? "" : $"{r / d:F2}x")} | {(k is null ? "" : Fmt(k.Value))} | {(r is null || k is null ? "" : $"{r / k:F2}x")} | {f[4]} |");
    }
}

md.AppendLine();
md.AppendLine($"![Throughput against message size]({label}.png)");
Directory.CreateDirectory(results);
File.WriteAllText(Path.Combine(results, $"{label}.md"), md.ToString());
Plotter.Save(Path.Combine(results, $"{label}.png"), kernel, ops, sizes, impls, names, Median);
Console.WriteLine($"wrote {Path.Combine(results, label + ".md")} and {label}.png");
return 0;

string Calls(string impl, string op, int size) =>
    syscalls[impl].TryGetValue((op, size), out var m) ? $"{m.Values.Sum():0.##}" : Untraced(op, size);

string Untraced(string op, int size) => op.StartsWith("drbg", StringComparison.Ordinal) && size > 8192 ? $"({(size + 127) / 128} recv, not traced)" : "";

string Mix(string impl, string op, int size) =>
    syscalls[impl].TryGetValue((op, size), out var m)
        ? string.Join(", ", m.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:0.##}"))
        : Untraced(op, size);

string Bytes(string impl, string op, int size)
{
    double[] v = [.. samples.Where(s => s.Impl == impl && s.Op == op && s.Size == size && s.Bytes is not null).Select(s => s.Bytes!.Value)];
    return v.Length == 0 ? "" : $"{v.Max():0.#}";
}

static double? Num(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

static string Fmt(double v) => v >= 100 ? $"{v:N0}" : v >= 10 ? $"{v:F1}" : $"{v:F2}";

static string SizeText(int size) => size >= 1 << 20 ? $"{size >> 20} MiB" : size >= 1024 ? $"{size >> 10} KiB" : $"{size} B";

internal sealed record Sample(int Rep, string Impl, string Op, int Size, double? Rate, double? Bytes, string RateText);

/// <summary>Counts, per (op, size), the system calls a thread made between its "TABENCH begin/end" marker writes.</summary>
internal static partial class Strace
{
    /// <summary>Calls per operation: each marker carries the number of operations between begin and end.</summary>
    public static Dictionary<(string, int), Dictionary<string, double>> Count(string path)
    {
        var result = new Dictionary<(string, int), Dictionary<string, double>>();
        var open = new Dictionary<int, ((string, int) Cell, long Ops)>();
        foreach (var line in File.ReadLines(path))
        {
            var m = Call().Match(line);
            if (!m.Success)
            {
                continue; // "<... resumed>" halves, signals, exits
            }

            var pid = int.Parse(m.Groups[1].Value);
            var marker = Marker().Match(line);
            if (marker.Success)
            {
                var cell = (marker.Groups[2].Value, int.Parse(marker.Groups[3].Value));
                if (marker.Groups[1].Value == "begin")
                {
                    open[pid] = (cell, long.Parse(marker.Groups[4].Value));
                    result[cell] = [];
                }
                else
                {
                    open.Remove(pid);
                }

                continue;
            }

            if (open.TryGetValue(pid, out var current))
            {
                var calls = result[current.Cell];
                var name = m.Groups[2].Value;
                calls[name] = calls.GetValueOrDefault(name) + 1.0 / current.Ops;
            }
        }

        return result;
    }

    [GeneratedRegex(@"^(\d+)\s+(\w+)\(")]
    private static partial Regex Call();

    [GeneratedRegex(@"TABENCH (begin|end) (\S+) (\d+) (\d+)")]
    private static partial Regex Marker();
}

internal static class Plotter
{
    public static void Save(string path, string kernel, string[] ops, int[] sizes, string[] impls, Dictionary<string, string> names,
                            Func<string, string, int, double?> median)
    {
        var multiplot = new Multiplot();
        var columns = 3;
        var rows = (ops.Length + columns - 1) / columns;
        multiplot.AddPlots(ops.Length);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        for (var p = 0; p < ops.Length; p++)
        {
            var plot = multiplot.GetPlot(p);
            foreach (var impl in impls)
            {
                var points = sizes.Select(s => (s, r: median(impl, ops[p], s))).Where(x => x.r is not null).ToArray();
                if (points.Length == 0)
                {
                    continue;
                }

                // Log-log: plot log2(size) and log10(MB/s), label the ticks with the real values.
                double[] xs = [.. points.Select(x => Math.Log2(x.s))];
                double[] ys = [.. points.Select(x => Math.Log10(x.r!.Value * x.s / 1e6))];
                var line = plot.Add.Scatter(xs, ys);
                line.LegendText = names[impl];
                line.LineWidth = 2;
                line.MarkerSize = 6;
            }

            plot.Title($"{ops[p]} ({kernel})", 13);
            plot.XLabel("message size");
            plot.YLabel("MB/s (log)");
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                [.. sizes.Select(s => Math.Log2(s))], [.. sizes.Select(SizeLabel)]);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = true,
                LabelFormatter = y => Math.Pow(10, y).ToString("G4", CultureInfo.InvariantCulture),
            };
            plot.ShowLegend(Alignment.UpperLeft);
        }

        multiplot.SavePng(path, 1500, 420 * rows);
    }

    private static string SizeLabel(int size) => size >= 1 << 20 ? $"{size >> 20}M" : size >= 1024 ? $"{size >> 10}K" : $"{size}";
}
