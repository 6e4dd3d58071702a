namespace TypedAlg.Runtime;

/// <summary>
/// A pinned driver (or a hardware-only implementation) is not served: the driver is not registered, or the kernel
/// (Linux 7.2+) no longer serves off-CPU drivers through AF_ALG. <see cref="AvailableDrivers"/> names the drivers that
/// do implement the algorithm.
/// </summary>
public sealed class DriverUnavailableException : AlgorithmUnavailableException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was asked for and what exists instead.</param>
    /// <param name="errno">The errno the kernel returned.</param>
    /// <param name="algorithm">The generic algorithm name, for example <c>cbc(aes)</c>.</param>
    /// <param name="selection">The driver that was asked for.</param>
    /// <param name="availableDrivers">The drivers /proc/crypto lists for the algorithm, highest priority first.</param>
    /// <param name="offCpuRefused">Whether the kernel is 7.2 or later, which serves no off-CPU driver through AF_ALG.</param>
    public DriverUnavailableException(string message, int errno, string algorithm, DriverSelection selection, IReadOnlyList<string> availableDrivers, bool offCpuRefused)
        : base(message, errno, algorithm, offCpuRefused ? UnavailableReason.OffCpuDriverRefused : UnavailableReason.DriverNotPresent)
    {
        Selection = selection;
        AvailableDrivers = availableDrivers;
        OffCpuRefused = offCpuRefused;
    }

    /// <summary>The driver (or hardware-only requirement) that was asked for.</summary>
    public DriverSelection Selection { get; }

    /// <summary>The drivers /proc/crypto lists for the algorithm, highest priority first (may be empty).</summary>
    public IReadOnlyList<string> AvailableDrivers { get; }

    /// <summary>True on Linux 7.2 and later, which dropped AF_ALG access to off-CPU (engine, virtio) drivers.</summary>
    public bool OffCpuRefused { get; }
}
