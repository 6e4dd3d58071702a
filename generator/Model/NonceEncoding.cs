namespace TypedAlg.Generator.Model;

/// <summary>How an AEAD nonce becomes the kernel's IV.</summary>
internal enum NonceEncoding
{
    /// <summary>The nonce is the IV, byte for byte.</summary>
    Raw,

    /// <summary>
    /// ccm(aes): the kernel takes a 16-byte counter block whose first byte is L' = 14 - nonce
    /// length (RFC 3610 flags' low bits), then the nonce, then a zero counter.
    /// </summary>
    Ccm,
}
