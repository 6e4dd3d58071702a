namespace TypedAlg.Runtime;

/// <summary>Whether a kernel module is present, and whether modprobe configuration keeps it out.</summary>
/// <param name="Name">The module name, for example <c>algif_aead</c>.</param>
/// <param name="Loaded">True when /sys/module lists it (loaded, or built in with parameters).</param>
/// <param name="BuiltIn">True when modules.builtin lists it.</param>
/// <param name="BlockedBy">The modprobe.d line that blacklists it or replaces its install (file: line), or null.</param>
public sealed record KernelModuleStatus(string Name, bool Loaded, bool BuiltIn, string? BlockedBy)
{
    /// <summary>One phrase: "loaded", "built in", "blacklisted (FILE: LINE)" or "not loaded".</summary>
    /// <returns>The phrase.</returns>
    public override string ToString() =>
        Loaded ? "loaded" : BuiltIn ? "built in" : BlockedBy is not null ? $"blocked by {BlockedBy}" : "not loaded (loads on first use if the kernel has it)";
}

/// <summary>Kernel modules as this process can see them: /sys/module, modules.builtin, and the modprobe.d directories.</summary>
public static class KernelModules
{
    private static readonly string[] ModprobeDirectories = ["/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d", "/usr/lib/modprobe.d", "/lib/modprobe.d"];

    /// <summary>The status of <paramref name="module"/>.</summary>
    /// <param name="module">The module name (dashes and underscores are the same to modprobe).</param>
    /// <returns>What /sys/module, modules.builtin and modprobe.d say.</returns>
    public static KernelModuleStatus GetStatus(string module)
    {
        ArgumentException.ThrowIfNullOrEmpty(module);
        var state = KernelEnvironment.GetModuleState(module);
        return new KernelModuleStatus(module, state == ModuleState.Loaded, state == ModuleState.BuiltIn, FindBlock(module));
    }

    /// <summary>The first "blacklist M" or "install M /bin/false"-style line for the module, as "file: line".</summary>
    internal static string? FindBlock(string module)
    {
        var name = module.Replace('-', '_');
        foreach (var dir in ModprobeDirectories)
        {
            string[] files;
            try
            {
                files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.conf") : [];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                string[] lines;
                try
                {
                    lines = File.ReadAllLines(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (var line in lines)
                {
                    var words = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    var blocks = words.Length >= 2 && words[1].Replace('-', '_') == name &&
                        (words[0] == "blacklist" || (words[0] == "install" && words.Length >= 3 && words[2] is "/bin/false" or "/bin/true" or "/usr/bin/false" or "/usr/bin/true"));
                    if (blocks)
                    {
                        return $"{file}: {line.Trim()}";
                    }
                }
            }
        }

        return null;
    }
}
