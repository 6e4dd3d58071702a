using TypedAlg.Annotations;

namespace TypedAlg.Runtime;

/// <summary>Whether the kernel serves an algorithm to this process, and if not, why (from <see cref="KernelCrypto.GetAvailability"/>).</summary>
public sealed class AlgorithmAvailability
{
    internal AlgorithmAvailability(string algorithm, KernelAlgorithmType type, UnavailableReason? reason, string? message)
    {
        Algorithm = algorithm;
        Type = type;
        Reason = reason;
        Message = message;
    }

    /// <summary>The kernel algorithm or driver name asked about.</summary>
    public string Algorithm { get; }

    /// <summary>The AF_ALG socket type asked about.</summary>
    public KernelAlgorithmType Type { get; }

    /// <summary>True when a bind succeeded.</summary>
    public bool IsAvailable => Reason is null;

    /// <summary>Why it is unavailable; null when it is available.</summary>
    public UnavailableReason? Reason { get; }

    /// <summary>The explanation and the fix, as the exception from creating an instance would give it; null when available.</summary>
    public string? Message { get; }

    /// <summary>"available", or the reason and its explanation.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => Reason is null ? $"{Algorithm}: available" : $"{Algorithm}: {Reason}: {Message}";
}
