namespace TypedAlg.Runtime;

/// <summary>
/// Which kernel implementation (driver) of an algorithm an instance binds: the kernel's choice (the highest priority),
/// a driver by name (for example <c>virtio_crypto_aes_cbc</c>), or only a hardware implementation (docs/manifest.md,
/// "driver" and "hardwareOnly").
/// </summary>
/// <param name="Driver">The driver name to bind instead of the generic name, or null for the kernel's choice.</param>
/// <param name="HardwareOnly">
/// Bind only an implementation the kernel flags CRYPTO_ALG_KERN_DRIVER_ONLY (a crypto engine reached through a driver):
/// AF_ALG's bind then passes that flag in both salg_feat and salg_mask.
/// </param>
public sealed record DriverSelection(string? Driver = null, bool HardwareOnly = false)
{
    /// <summary>The kernel's choice: the highest-priority implementation of the name.</summary>
    public static DriverSelection Any { get; } = new();

    /// <summary>Only an implementation flagged CRYPTO_ALG_KERN_DRIVER_ONLY ("hardware or nothing").</summary>
    public static DriverSelection Hardware { get; } = new(null, true);

    /// <summary>Pins a driver by name.</summary>
    /// <param name="driver">The driver name as /proc/crypto lists it.</param>
    /// <returns>The selection.</returns>
    public static DriverSelection Named(string driver)
    {
        ArgumentException.ThrowIfNullOrEmpty(driver);
        return new(driver);
    }

    /// <summary>Whether this is the kernel's own choice (nothing pinned).</summary>
    internal bool IsDefault => Driver is null && !HardwareOnly;

    /// <summary>The name bind() gets: the driver when one is pinned (the kernel matches driver names too).</summary>
    internal string BindName(string algorithm) => Driver ?? algorithm;
}
