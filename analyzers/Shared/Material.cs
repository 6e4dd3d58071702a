// The runtime's CryptoMaterial, linked in (TypedAlg.Analyzers.csproj); the short name reads better in the rules.
global using Material = TypedAlg.Annotations.CryptoMaterial;

namespace TypedAlg.Analyzers;

internal static class Materials
{
    /// <summary>No role: a parameter or type without [CryptoMaterial] (the runtime's values start at 1).</summary>
    public const Material None = 0;
}

internal static class MaterialExtensions
{
    public static string Describe(this Material material) => material switch
    {
        Material.Key => "key",
        Material.Iv => "IV",
        Material.Nonce => "nonce",
        Material.Tag => "tag",
        Material.Digest => "digest",
        Material.Mac => "MAC",
        Material.Plaintext => "plaintext",
        Material.Ciphertext => "ciphertext",
        Material.AssociatedData => "associated data",
        Material.Personalization => "personalization string",
        _ => "value",
    };

    public static bool IsSecretOrUnique(this Material material) =>
        material is Material.Key or Material.Iv or Material.Nonce;

    public static bool IsAuthenticator(this Material material) =>
        material is Material.Tag or Material.Mac or Material.Digest;
}
