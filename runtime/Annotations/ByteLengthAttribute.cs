namespace TypedAlg.Annotations;

/// <summary>
/// The byte lengths a span parameter may have. A call site whose argument has a constant length outside
/// this set is a compile-time error (TA0001).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field,
    AllowMultiple = false, Inherited = false)]
public sealed class ByteLengthAttribute : Attribute
{
    /// <summary>Allows exactly the given lengths.</summary>
    /// <param name="allowed">Every length, in bytes, the parameter accepts.</param>
    public ByteLengthAttribute(params int[] allowed) => Allowed = allowed;

    /// <summary>The allowed lengths in bytes; empty when any length at or above <see cref="Minimum"/> is allowed.</summary>
    public int[] Allowed { get; }

    /// <summary>
    /// The smallest length accepted (or recommended, for HMAC keys) when <see cref="Allowed"/> is empty.
    /// </summary>
    public int Minimum { get; set; }
}
