namespace TypedAlg.Generator.Emit;

/// <summary>What a nested fixed-size value type holds; decides Random(), hashing and printing.</summary>
internal enum MaterialKind
{
    Key,
    Iv,
    Nonce,
    Tag,
    Digest,
    Mac,
}
