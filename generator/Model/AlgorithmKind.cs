namespace TypedAlg.Generator.Model;

/// <summary>The AF_ALG socket type of a manifest entry (mirrors the runtime's KernelAlgorithmType).</summary>
internal enum AlgorithmKind
{
    Hash = 1,
    Skcipher,
    Aead,
    Rng,
}
