namespace TypedAlg.Annotations;

/// <summary>
/// A destination span must be at least as long as another parameter (plus <see cref="Extra"/> bytes).
/// A constant destination that is too small is a compile-time error (TA0002).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class MinimumLengthFromAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="parameterName">The parameter whose length this one must reach.</param>
    public MinimumLengthFromAttribute(string parameterName) => ParameterName = parameterName;

    /// <summary>The parameter whose length this one must reach.</summary>
    public string ParameterName { get; }

    /// <summary>Bytes needed beyond the other parameter's length (for example a nonce and tag).</summary>
    public int Extra { get; set; }
}
