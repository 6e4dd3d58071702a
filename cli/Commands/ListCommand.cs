using System.CommandLine;
using System.Globalization;
using TypedAlg.Cli.Kernel;
using TypedAlg.Cli.Manifest;
using TypedAlg.Manifest;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Commands;

/// <summary>typedalg list: the kernel's algorithms from /proc/crypto, '*' where the manifest has a typed class.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var manifestPath = new Option<string?>("--manifest") { Description = "Manifest to mark (default: ./algorithms.json, else the built-in default)" };
        var procCrypto = new Option<string?>("--proc-crypto") { Description = "Read this saved /proc/crypto text instead of the running kernel's" };
        var all = new Option<bool>("--all") { Description = "Also list types AF_ALG cannot reach (cipher, compression, ...) and internal implementations" };
        var command = new Command("list", "List the kernel's crypto algorithms, marking the ones the manifest types") { manifestPath, procCrypto, all };
        command.SetAction(r => Run(context, r.GetValue(manifestPath), r.GetValue(procCrypto), r.GetValue(all)));
        return command;
    }

    private static int Run(CliContext context, string? manifestPath, string? procCrypto, bool all)
    {
        var manifest = AlgorithmManifest.Locate(manifestPath, context.WorkingDirectory);
        var view = KernelView.Open(procCrypto);
        var bound = view.Instantiate(manifest.Entries.Select(e => (e.KernelName, e.Type)));
        // A FIPS kernel lists algorithms it then refuses to bind: those are marked, not hidden.
        var refused = view.IsLive && view.FipsEnabled
            ? manifest.Entries.Where(e => !bound.Contains((e.KernelName, e.Type))).ToList()
            : new List<ManifestEntry>();

        var classes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in manifest.Entries)
        {
            classes.TryAdd($"{ManifestFormat.TypeName(e.Type)}\n{e.KernelName}", e.Class);
        }

        string? ClassOf(ProcCryptoEntry k)
        {
            var type = KernelView.SocketTypeOf(k.Type) is { } t ? ManifestFormat.TypeName(t) : "";
            return classes.GetValueOrDefault($"{type}\n{k.Driver}") ?? classes.GetValueOrDefault($"{type}\n{k.Name}");
        }

        var rows = view.Entries
            .Where(e => all || (!e.Internal && KernelView.SocketTypeOf(e.Type) is not null))
            .OrderBy(e => e.Type, StringComparer.Ordinal)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ThenByDescending(e => e.Priority)
            .ToList();

        var o = context.Out;
        o.WriteLine($"# source: {view.Source}; FIPS mode: {(view.FipsEnabled ? "on" : "off")}; manifest: {manifest.Source} ({manifest.Entries.Count} algorithms)");
        o.WriteLine("# '*' = typed by the manifest (class in the last column); '!' = typed, but refused in FIPS mode");
        string Mark(ProcCryptoEntry e) => ClassOf(e) is not { } c ? " " : refused.Any(r => r.Class == c) ? "!" : "*";
        var table = rows.Select(e => new[]
        {
            Mark(e), e.Name, e.Driver, e.Type, e.Priority.ToString(CultureInfo.InvariantCulture), ClassOf(e) ?? "",
        }).Prepend(["", "NAME", "DRIVER", "TYPE", "PRIORITY", "CLASS"]).ToArray();
        var widths = Enumerable.Range(0, 6).Select(c => table.Max(row => row[c].Length)).ToArray();
        foreach (var row in table)
        {
            o.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }

        var listed = new HashSet<string>(rows.SelectMany(e => new[] { e.Name, e.Driver }), StringComparer.Ordinal);
        foreach (var e in refused)
        {
            o.WriteLine($"# refused in FIPS mode: {e.KernelName} ({ManifestFormat.TypeName(e.Type)}, class {e.Class})");
        }

        foreach (var e in manifest.Entries.Where(e => !listed.Contains(e.KernelName) && !refused.Contains(e)))
        {
            o.WriteLine($"# not in this kernel: {e.KernelName} ({ManifestFormat.TypeName(e.Type)}, class {e.Class})");
        }

        return ExitCodes.Success;
    }
}
