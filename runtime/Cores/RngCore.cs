using TypedAlg.Runtime.Interop;
using static TypedAlg.Runtime.Interop.AlgConstants;

namespace TypedAlg.Runtime;

/// <summary>
/// An AF_ALG "rng" socket: DRBGs and stdrng. The DRBG is instantiated by ALG_SET_KEY before accept (an empty
/// seed lets the kernel seed itself; without it every read fails with EINVAL). Output comes 128 bytes per recv.
/// </summary>
/// <remarks>One instance serves one thread at a time; the static <see cref="Fill(string, Span{byte})"/> keeps one per thread.</remarks>
public sealed class RngCore : IRngBackend
{
    [ThreadStatic]
    private static Dictionary<string, RngCore>? t_cache;

    private readonly AlgOpSocket _op;

    /// <summary>Opens a generator the kernel seeds from its own entropy.</summary>
    /// <param name="algorithm">The kernel algorithm or driver name, for example <c>drbg_nopr_hmac_sha256</c> or <c>stdrng</c>.</param>
    public RngCore(string algorithm)
        : this(algorithm, ReadOnlySpan<byte>.Empty)
    {
    }

    /// <summary>Opens a generator seeded by the kernel and instantiated with a personalization string.</summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="personalization">The personalization string (may be empty).</param>
    public RngCore(string algorithm, ReadOnlySpan<byte> personalization)
        : this(Open(algorithm, personalization, default))
    {
    }

    private RngCore(AlgOpSocket op) => _op = op;

    /// <summary>
    /// Opens a DRBG with caller-supplied entropy (ALG_SET_DRBG_ENTROPY), for known-answer tests. Needs a kernel built
    /// with CONFIG_CRYPTO_USER_API_RNG_CAVP and CAP_SYS_ADMIN; distribution kernels lack the option.
    /// </summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="entropy">The entropy input (test data, not a secret worth keeping).</param>
    /// <param name="personalization">The personalization string (may be empty).</param>
    /// <returns>The generator.</returns>
    /// <exception cref="NotSupportedException">The kernel lacks CONFIG_CRYPTO_USER_API_RNG_CAVP.</exception>
    public static RngCore CreateWithTestEntropy(string algorithm, ReadOnlySpan<byte> entropy, ReadOnlySpan<byte> personalization)
    {
        if (entropy.IsEmpty)
        {
            throw new ArgumentException("The entropy input must not be empty.", nameof(entropy));
        }

        return new RngCore(Open(algorithm, personalization, entropy));
    }

    /// <summary>Fills <paramref name="destination"/> with random bytes, 128 bytes per recv.</summary>
    /// <param name="destination">Any length.</param>
    public void Fill(Span<byte> destination)
    {
        _op.Enter(this);
        try
        {
            while (!destination.IsEmpty)
            {
                var n = _op.ReceiveOnce(destination[..Math.Min(RngMaxRecv, destination.Length)]);
                if (n <= 0)
                {
                    throw new KernelCryptoException($"AF_ALG rng '{_op.Algorithm}' returned no data.", 0, _op.Algorithm);
                }

                destination = destination[n..];
            }
        }
        finally
        {
            _op.Exit();
        }
    }

    /// <summary>Thread-safe fill using one cached generator per thread and algorithm.</summary>
    /// <param name="algorithm">The kernel algorithm or driver name.</param>
    /// <param name="destination">Any length.</param>
    public static void Fill(string algorithm, Span<byte> destination)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        var cache = t_cache ??= new Dictionary<string, RngCore>(StringComparer.Ordinal);
        if (!cache.TryGetValue(algorithm, out var core))
        {
            core = new RngCore(algorithm);
            cache[algorithm] = core;
        }

        core.Fill(destination);
    }

    /// <summary>
    /// The driver serving this instance (for example <c>drbg_nopr_hmac_sha256</c> behind <c>stdrng</c>), read from
    /// /proc/crypto while the operation socket holds the generator; the bound name when unlisted.
    /// </summary>
    public string Driver => ProcCrypto.Serving(_op.Algorithm, "rng", ProcCrypto.Read(), KernelEnvironment.Version)?.Driver ?? _op.Algorithm;

    /// <summary>Closes the socket. Idempotent.</summary>
    public void Dispose() => _op.Dispose();

    /// <summary>The DRBG is seeded (instantiated) by its key; with a non-empty value that is the personalization string.</summary>
    private static AlgOpSocket Open(string algorithm, ReadOnlySpan<byte> personalization, ReadOnlySpan<byte> entropy)
    {
        SockaddrAlg.ValidateAlgorithmName(algorithm);
        var (bound, op) = AlgSocket.OpenAndAccept("rng", algorithm, AlgKey.FromBytes(personalization), entropy: entropy);
        bound.Dispose(); // the operation socket keeps the seeded DRBG
        return op;
    }
}
