namespace TypedAlg.Analyzers;

/// <summary>Mirror of TypedAlg.Annotations.CryptoMaterial (the analyzer cannot reference the runtime).</summary>
internal enum Material
{
    None = 0,
    Key = 1,
    Iv,
    Nonce,
    Tag,
    Digest,
    Mac,
    Plaintext,
    Ciphertext,
    AssociatedData,
    Personalization,
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
