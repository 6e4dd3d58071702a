using System.Globalization;

namespace TypedAlg.Runtime;

/// <summary>
/// The kernel's AF_ALG policy and what this process may do under it: <c>crypto.af_alg_restrict</c>, the
/// effective capabilities and the seccomp mode. Read on each call (cheap /proc reads, only on error paths and
/// availability queries), because root can change the sysctl at any time.
/// </summary>
internal static class ProcessSecurity
{
    internal const string RestrictSysctl = "crypto.af_alg_restrict";
    private const string RestrictPath = "/proc/sys/crypto/af_alg_restrict";
    private const int CapNetAdmin = 12;
    private const int CapSysAdmin = 21;

    /// <summary>The sysctl's level (0, 1, 2), or null where the kernel has no such sysctl (before Linux 7.3).</summary>
    internal static int? AfAlgRestrict =>
        TryRead(RestrictPath) is { } text && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) ? level : null;

    /// <summary>Whether CAP_NET_ADMIN or CAP_SYS_ADMIN is effective: either lifts the level-1 policy's second tier.</summary>
    internal static bool HasPolicyCapability
    {
        get
        {
            var caps = EffectiveCapabilities;
            return (caps & (1UL << CapNetAdmin)) != 0 || (caps & (1UL << CapSysAdmin)) != 0;
        }
    }

    /// <summary>CapEff of this thread (0 when unreadable).</summary>
    internal static ulong EffectiveCapabilities =>
        StatusField("CapEff") is { } hex && ulong.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var caps) ? caps : 0;

    /// <summary>This thread's seccomp mode: 0 none, 1 strict, 2 filter (a container runtime's profile), null when unknown.</summary>
    internal static int? SeccompMode =>
        StatusField("Seccomp") is { } v && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var mode) ? mode : null;

    /// <summary>The capabilities that would lift a level-1 refusal, as a message fragment.</summary>
    internal static string CapabilityNames => "CAP_NET_ADMIN or CAP_SYS_ADMIN";

    private static string? StatusField(string name)
    {
        // Capabilities and seccomp filters belong to threads: read the calling thread's, not the main thread's.
        var status = TryRead("/proc/thread-self/status") ?? TryRead("/proc/self/status");
        if (status is null)
        {
            return null;
        }

        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return null;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
