namespace TypedAlg.Annotations;

/// <summary>The role a span of bytes plays in a cryptographic operation.</summary>
/// <remarks>
/// Generated classes put <see cref="CryptoMaterialAttribute"/> with one of these values on parameters,
/// so the TypedAlg analyzers can check call sites without knowing any algorithm by name.
/// </remarks>
// Also compiled into the generator and the analyzers (linked source, TYPEDALG_SHARED_SOURCE), which cannot
// reference the runtime: one definition of the values the generated code, the generator and the rules agree on.
#if TYPEDALG_SHARED_SOURCE
internal
#else
public
#endif
enum CryptoMaterial
{
    /// <summary>A secret key.</summary>
    Key = 1,
    /// <summary>An initialization vector (skcipher).</summary>
    Iv,
    /// <summary>A nonce (AEAD); must never repeat under one key.</summary>
    Nonce,
    /// <summary>An AEAD authentication tag.</summary>
    Tag,
    /// <summary>A message digest.</summary>
    Digest,
    /// <summary>A message authentication code (HMAC, CMAC).</summary>
    Mac,
    /// <summary>Plaintext input or output.</summary>
    Plaintext,
    /// <summary>Ciphertext input or output.</summary>
    Ciphertext,
    /// <summary>Associated data that an AEAD authenticates but does not encrypt.</summary>
    AssociatedData,
    /// <summary>A DRBG personalization string.</summary>
    Personalization,
}
