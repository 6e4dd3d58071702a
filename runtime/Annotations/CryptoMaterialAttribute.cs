namespace TypedAlg.Annotations;

/// <summary>Marks a parameter, field or property with the cryptographic role of its bytes.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue,
    AllowMultiple = false, Inherited = false)]
public sealed class CryptoMaterialAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="material">The role of the bytes.</param>
    public CryptoMaterialAttribute(CryptoMaterial material) => Material = material;

    /// <summary>The role of the bytes.</summary>
    public CryptoMaterial Material { get; }
}
