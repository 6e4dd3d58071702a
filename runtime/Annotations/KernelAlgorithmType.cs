namespace TypedAlg.Annotations;

/// <summary>The AF_ALG socket types, as in <c>struct sockaddr_alg.salg_type</c>.</summary>
public enum KernelAlgorithmType
{
    /// <summary>Message digests and keyed digests ("hash").</summary>
    Hash = 1,
    /// <summary>Symmetric ciphers ("skcipher").</summary>
    Skcipher,
    /// <summary>Authenticated encryption with associated data ("aead").</summary>
    Aead,
    /// <summary>Random number generators ("rng").</summary>
    Rng,
}
