namespace TypedAlg.Annotations;

/// <summary>The AF_ALG socket types, as in <c>struct sockaddr_alg.salg_type</c>.</summary>
// Also compiled into the generator and the analyzers (linked source, TYPEDALG_SHARED_SOURCE), which cannot
// reference the runtime: one definition of the values the generated code, the generator and the rules agree on.
#if TYPEDALG_SHARED_SOURCE
internal
#else
public
#endif
enum KernelAlgorithmType
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
