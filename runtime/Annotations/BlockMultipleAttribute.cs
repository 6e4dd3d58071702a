namespace TypedAlg.Annotations;

/// <summary>
/// The length of a span parameter must be a multiple of the block size (CBC, ECB). A constant length
/// that is not is a compile-time error (TA0002).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class BlockMultipleAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="blockSize">The block size in bytes.</param>
    public BlockMultipleAttribute(int blockSize) => BlockSize = blockSize;

    /// <summary>The block size in bytes.</summary>
    public int BlockSize { get; }
}
