namespace TypedAlg.Runtime;

/// <summary>Which implementation serves an instance of a generated class; chosen once, when the instance is created.</summary>
public enum Backend
{
    /// <summary>The kernel, through AF_ALG.</summary>
    Kernel,

    /// <summary>System.Security.Cryptography, through the TypedAlg.Managed assembly (see docs/managed-backend.md).</summary>
    Managed,
}
