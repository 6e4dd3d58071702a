namespace TypedAlg.Generator.Model;

/// <summary>
/// The project's backend settings, as plain values: the policy from <c>&lt;TypedAlgBackend&gt;</c> (Kernel when absent)
/// and whether the compilation references TypedAlg.Managed. Every generated class depends on it, so it changes only
/// when one of the two does.
/// </summary>
/// <param name="Policy">Kernel, KernelThenManaged or Managed (a bad value is reported and read as Kernel).</param>
/// <param name="ManagedReferenced">Whether TypedAlg.Managed is referenced: only then do the classes take a policy.</param>
/// <param name="InvalidValue">The bad property value, when there was one (TA1015).</param>
/// <param name="PinnedClass">
/// The class being emitted pins a driver (manifest "driver" or "hardwareOnly"): it stays on the kernel, since a pin is
/// a demand for that implementation, never a reason to fall back.
/// </param>
internal sealed record BackendSpec(string Policy, bool ManagedReferenced, string? InvalidValue, bool PinnedClass = false)
{
    /// <summary>The MSBuild property, as the generator sees it through CompilerVisibleProperty.</summary>
    public const string PropertyKey = "build_property.TypedAlgBackend";

    /// <summary>The assembly whose reference turns on the managed-capable classes.</summary>
    public const string ManagedAssembly = "TypedAlg.Managed";

    /// <summary>Whether a reference (its path, as MSBuild passes it) is TypedAlg.Managed.dll.</summary>
    public static bool IsManagedAssembly(string? display)
        => display is not null && string.Equals(Path.GetFileNameWithoutExtension(display), ManagedAssembly, StringComparison.OrdinalIgnoreCase);

    public static readonly BackendSpec KernelOnly = new("Kernel", false, null);

    private static readonly string[] Policies = { "Kernel", "KernelThenManaged", "Managed" };

    /// <summary>Reads the property (case-insensitive; empty or absent is Kernel).</summary>
    public static BackendSpec From(string? value, bool managedReferenced)
    {
        if (string.IsNullOrWhiteSpace(value))
            return new BackendSpec("Kernel", managedReferenced, null);
        var policy = Policies.FirstOrDefault(p => string.Equals(p, value!.Trim(), StringComparison.OrdinalIgnoreCase));
        return policy is null ? new BackendSpec("Kernel", managedReferenced, value) : new BackendSpec(policy, managedReferenced, null);
    }

    /// <summary>Whether the classes take a <c>BackendPolicy</c> and can run on the managed backend.</summary>
    public bool ManagedCapable => ManagedReferenced && !PinnedClass;

    /// <summary>The settings for one class: a class that pins a driver is kernel-only.</summary>
    public BackendSpec For(AlgorithmSpec spec) => spec.PinsDriver ? this with { PinnedClass = true } : this;

    /// <summary>A fallback or managed policy without TypedAlg.Managed referenced (TA1016).</summary>
    public bool MissingManagedReference => Policy != "Kernel" && !ManagedReferenced;
}
