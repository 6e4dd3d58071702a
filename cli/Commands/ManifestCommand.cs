using System.CommandLine;
using TypedAlg.Cli.Kernel;
using TypedAlg.Cli.Manifest;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Commands;

/// <summary>typedalg manifest import|check: algorithms.json entries from the running kernel, and where they disagree.</summary>
internal static class ManifestCommand
{
    public static Command Create(CliContext context)
    {
        var procCrypto = new Option<string?>("--proc-crypto") { Description = "Read this saved /proc/crypto text instead of the running kernel's", Recursive = true };
        var command = new Command("manifest", "Create manifest entries from the kernel, or check a manifest against it") { procCrypto };
        command.Add(Import(context, procCrypto));
        command.Add(Check(context, procCrypto));
        return command;
    }

    private static Command Import(CliContext context, Option<string?> procCrypto)
    {
        var names = new Argument<string[]>("NAME") { Description = "Kernel algorithm or driver names, e.g. sha256 'gcm(aes)'", Arity = ArgumentArity.OneOrMore };
        var outfile = new Option<string?>("--outfile", "-o") { Description = "Write the manifest to this file (default: stdout)" };
        var ns = new Option<string>("--namespace") { Description = "Namespace of the generated classes", DefaultValueFactory = _ => "TypedAlg" };
        var command = new Command("import", "Write algorithms.json entries for NAMEs from /proc/crypto") { names, outfile, ns };
        command.SetAction(r =>
        {
            var view = KernelView.Open(r.GetValue(procCrypto));
            RequireAfAlg(view);
            var json = ManifestWriter.Document(ManifestImporter.Import(r.GetRequiredValue(names), view), r.GetRequiredValue(ns));
            if (r.GetValue(outfile) is { } path)
            {
                File.WriteAllText(path, json);
            }
            else
            {
                context.Out.Write(json);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Check(CliContext context, Option<string?> procCrypto)
    {
        var manifestPath = new Option<string?>("--manifest") { Description = "Manifest to check (default: ./algorithms.json, else the built-in default)" };
        var command = new Command("check", "Report where the manifest and the kernel disagree (exit 1 if they do)") { manifestPath };
        command.SetAction(r =>
        {
            var manifest = AlgorithmManifest.Locate(r.GetValue(manifestPath), context.WorkingDirectory);
            var view = KernelView.Open(r.GetValue(procCrypto));
            RequireAfAlg(view);
            var findings = ManifestChecker.Check(manifest, view);
            var width = findings.Select(f => f.Entry.Class.Length).DefaultIfEmpty(0).Max();
            foreach (var f in findings)
            {
                context.Out.WriteLine($"{(f.Disagrees ? "DISAGREE" : "ok      ")}  {f.Entry.Class.PadRight(width)}  {f.Entry.KernelName}: {f.Message}");
            }

            var disagreements = findings.Count(f => f.Disagrees);
            context.Out.WriteLine($"{manifest.Source} against {view.Source}: {findings.Count - disagreements} agree, {disagreements} disagree");
            return disagreements > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Without AF_ALG every algorithm would look missing; say the real reason instead.</summary>
    private static void RequireAfAlg(KernelView view)
    {
        if (view.IsLive && !KernelCrypto.IsAfAlgAvailable)
        {
            throw CliException.Failure("this kernel has no AF_ALG sockets, so nothing can be checked or imported live; pass --proc-crypto FILE to use saved /proc/crypto text");
        }
    }
}
