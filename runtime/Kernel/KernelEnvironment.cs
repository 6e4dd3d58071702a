namespace TypedAlg.Runtime;

/// <summary>Whether a kernel module is present.</summary>
internal enum ModuleState
{
    Loaded,
    BuiltIn,
    Missing,
}

/// <summary>Facts about the running kernel: its release, FIPS mode, and its modules.</summary>
internal static class KernelEnvironment
{
    private static string? s_release;

    /// <summary>The kernel release, as uname -r prints it.</summary>
    internal static string Release => s_release ??= ReadRelease();

    /// <summary>Major and minor of <see cref="Release"/> (0.0 when it cannot be read).</summary>
    internal static Version Version
    {
        get
        {
            var parts = Release.Split('.', '-', '+');
            return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor)
                ? new Version(major, minor)
                : new Version(0, 0);
        }
    }

    /// <summary>Whether /proc/sys/crypto/fips_enabled is 1 (read on each access).</summary>
    internal static bool FipsEnabled
    {
        get
        {
            try
            {
                return File.ReadAllText("/proc/sys/crypto/fips_enabled").Trim() == "1";
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    internal static ModuleState GetModuleState(string module)
    {
        if (Directory.Exists("/sys/module/" + module))
        {
            return ModuleState.Loaded;
        }

        // Built-in code without parameters has no /sys/module entry; modules.builtin lists it.
        try
        {
            var builtin = $"/lib/modules/{Release}/modules.builtin";
            if (File.Exists(builtin) && File.ReadLines(builtin).Any(l => l.EndsWith("/" + module + ".ko", StringComparison.Ordinal)))
            {
                return ModuleState.BuiltIn;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ModuleState.Missing;
    }

    private static string ReadRelease()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return Environment.OSVersion.Version.ToString();
        }
        catch (UnauthorizedAccessException)
        {
            return Environment.OSVersion.Version.ToString();
        }
    }
}
