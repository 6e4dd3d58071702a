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
        // A FIPS kernel, and Linux 7.3's AF_ALG policy, list algorithms they then refuse to bind: those are marked, not hidden.
        var refusals = view.IsLive
            ? manifest.Entries.Where(e => !bound.Contains((e.KernelName, e.Type)))
                .Select(e => (Entry: e, KernelCrypto.GetAvailability(e.KernelName, e.Type).Reason))
                .Where(r => r.Reason is UnavailableReason.RefusedInFipsMode or UnavailableReason.RefusedByPolicy)
                .ToList()
            : [];
        var refused = refusals.Select(r => r.Entry).ToList();

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
        var policy = view.IsLive && KernelCrypto.AfAlgRestrict is int level ? $"; AF_ALG policy: crypto.af_alg_restrict = {level}" : "";
        o.WriteLine($"# source: {view.Source}; FIPS mode: {(view.FipsEnabled ? "on" : "off")}{policy}; manifest: {manifest.Source} ({manifest.Entries.Count} algorithms)");
        o.WriteLine("# '*' = typed by the manifest (class in the last column); '!' = typed, but refused in FIPS mode or by the AF_ALG policy");
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
        foreach ((var e, var reason) in refusals)
        {
            var by = reason == UnavailableReason.RefusedInFipsMode ? "in FIPS mode" : $"by the AF_ALG policy (crypto.af_alg_restrict = {KernelCrypto.AfAlgRestrict})";
            o.WriteLine($"# refused {by}: {e.KernelName} ({ManifestFormat.TypeName(e.Type)}, class {e.Class})");
        }

        foreach (var e in manifest.Entries.Where(e => !listed.Contains(e.KernelName) && !refused.Contains(e)))
        {
            o.WriteLine($"# not in this kernel: {e.KernelName} ({ManifestFormat.TypeName(e.Type)}, class {e.Class})");
        }

        return ExitCodes.Success;
    }
}
