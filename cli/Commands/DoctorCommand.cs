using System.CommandLine;
using System.Text.Json;
using TypedAlg.Cli.Manifest;
using TypedAlg.Manifest;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Commands;

/// <summary>
/// typedalg doctor: what this machine serves and why, on one screen: the kernel, AF_ALG, the algif modules, the AF_ALG
/// policy, this process's capabilities and seccomp mode, FIPS mode, then each class of a manifest with its verdict and,
/// when refused, the reason and the fix. Exit 0 when every class works, 1 otherwise.
/// </summary>
internal static class DoctorCommand
{
    private static readonly string[] SocketTypes = ["hash", "skcipher", "aead", "rng"];

    public static Command Create(CliContext context)
    {
        var manifestPath = new Option<string?>("--manifest", "-m") { Description = "Manifest to check (default: ./algorithms.json, else the built-in default)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object, for scripts" };
        var backend = new Option<BackendPolicy>("--backend")
        {
            Description = "The backend policy to judge each class under (an application's <TypedAlgBackend>): Kernel (default), KernelThenManaged or Managed",
            DefaultValueFactory = _ => BackendPolicy.Kernel,
        };
        var command = new Command("doctor", "Say what this machine serves through AF_ALG, and why not where it refuses") { manifestPath, json, backend };
        command.SetAction(r => Run(context, r.GetValue(manifestPath), r.GetValue(json), r.GetValue(backend)));
        return command;
    }

    private static int Run(CliContext context, string? manifestPath, bool json, BackendPolicy policy)
    {
        var manifest = AlgorithmManifest.Locate(manifestPath, context.WorkingDirectory);
        var report = new Report
        {
            Kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : Environment.OSVersion.VersionString,
            AfAlg = KernelCrypto.IsAfAlgAvailable,
            Modules = SocketTypes.Select(t => KernelModules.GetStatus("algif_" + t)).ToDictionary(m => m.Name, m => m.ToString()),
            AfAlgRestrict = KernelCrypto.AfAlgRestrict,
            PolicyCapability = KernelCrypto.HasPolicyCapability,
            Uid = ReadUid(),
            Seccomp = KernelCrypto.SeccompMode,
            Fips = KernelCrypto.FipsEnabled,
            Manifest = manifest.Source,
            BackendPolicy = policy.ToString(),
            Classes = manifest.Entries.Select(e => Judge(e, policy)).ToList(),
        };

        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(report, DoctorJson.Default.Report));
        }
        else
        {
            Print(context.Out, report);
        }

        return report.Classes.All(c => c.Works) ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>The kernel's verdict, then which backend a class would get under the policy (ManagedBackends' rule).</summary>
    private static ClassVerdict Judge(ManifestEntry e, BackendPolicy policy)
    {
        var noManaged = e.Type == Annotations.KernelAlgorithmType.Rng ? ManagedFallback.WhyNone("stdrng") : ManagedFallback.WhyNone(e.KernelName);
        var kernel = policy == BackendPolicy.Managed ? null : KernelCrypto.GetAvailability(e.KernelName, e.Type);
        Backend? backend = kernel is { IsAvailable: true } ? Backend.Kernel
            : policy != BackendPolicy.Kernel && noManaged is null ? Backend.Managed
            : null;
        return new ClassVerdict(e.Class, e.KernelName, ManifestFormat.TypeName(e.Type), backend is not null, kernel?.Reason?.ToString(), kernel?.Message,
            backend?.ToString(), policy == BackendPolicy.Kernel ? null : noManaged);
    }

    private static void Print(TextWriter o, Report r)
    {
        var policy = r.AfAlgRestrict switch
        {
            null => "none (no crypto.af_alg_restrict sysctl: before Linux 7.3)",
            0 => "crypto.af_alg_restrict = 0 (every algorithm)",
            1 => "crypto.af_alg_restrict = 1 (an allowlist; part of it needs CAP_NET_ADMIN or CAP_SYS_ADMIN)",
            2 => "crypto.af_alg_restrict = 2 (AF_ALG switched off)",
            int n => $"crypto.af_alg_restrict = {n}",
        };
        o.WriteLine($"kernel        {r.Kernel}");
        o.WriteLine($"AF_ALG        {(r.AfAlg ? "available" : "unavailable in this process")}");
        o.WriteLine($"modules       {string.Join(", ", r.Modules.Select(m => $"{m.Key} {m.Value}"))}");
        o.WriteLine($"policy        {policy}");
        o.WriteLine($"process       uid {r.Uid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, " +
            $"{(r.PolicyCapability ? "has CAP_NET_ADMIN or CAP_SYS_ADMIN" : "has neither CAP_NET_ADMIN nor CAP_SYS_ADMIN")}, " +
            $"seccomp {r.Seccomp switch { 0 => "off", 1 => "strict", 2 => "filter (a container profile?)", _ => "unknown" }}");
        o.WriteLine($"FIPS mode     {(r.Fips ? "on" : "off")}");
        o.WriteLine($"manifest      {r.Manifest} ({r.Classes.Count} classes, {r.Classes.Count(c => c.Works)} work)");
        o.WriteLine($"backend       {r.BackendPolicy}{(r.BackendPolicy == nameof(BackendPolicy.Kernel) ? " (kernel only; --backend KernelThenManaged shows what a fallback would serve)" : string.Empty)}");
        o.WriteLine();
        var width = Math.Max(5, r.Classes.Count == 0 ? 0 : r.Classes.Max(c => c.Class.Length));
        foreach (var c in r.Classes)
        {
            o.WriteLine(c.Works
                ? $"{c.Class.PadRight(width)}  works    {c.Algorithm}  backend {BackendText(c)}"
                : $"{c.Class.PadRight(width)}  REFUSED  {c.Algorithm}: {c.Message ?? "the managed backend was asked for."}" +
                  (c.NoManagedReason is null ? string.Empty : $" No managed fallback: {c.NoManagedReason}"));
        }
    }

    private static string BackendText(ClassVerdict c)
        => c.Backend == nameof(Backend.Managed) && c.Message is not null ? $"Managed (fallback: {c.Message})" : c.Backend!;

    private static int? ReadUid()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line is null ? null : int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>What doctor found (also its --json form).</summary>
internal sealed class Report
{
    public required string Kernel { get; init; }

    public required bool AfAlg { get; init; }

    public required Dictionary<string, string> Modules { get; init; }

    public required int? AfAlgRestrict { get; init; }

    public required bool PolicyCapability { get; init; }

    public required int? Uid { get; init; }

    public required int? Seccomp { get; init; }

    public required bool Fips { get; init; }

    public required string Manifest { get; init; }

    public required string BackendPolicy { get; init; }

    public required List<ClassVerdict> Classes { get; init; }
}

/// <summary>
/// One class: works (on <see cref="Backend"/>, Kernel or Managed, under the report's policy), or refused; Reason (an
/// UnavailableReason name) and Message are the kernel's refusal, NoManagedReason why the managed backend cannot serve it.
/// </summary>
internal sealed record ClassVerdict(string Class, string Algorithm, string Type, bool Works, string? Reason, string? Message, string? Backend, string? NoManagedReason);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Report))]
internal sealed partial class DoctorJson : System.Text.Json.Serialization.JsonSerializerContext;
