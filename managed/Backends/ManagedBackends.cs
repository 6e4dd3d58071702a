using TypedAlg.Annotations;
using TypedAlg.Managed.Cores;
using TypedAlg.Runtime;

namespace TypedAlg.Managed;

/// <summary>
/// Where generated classes get their core when the project references TypedAlg.Managed: the one place that applies a
/// <see cref="BackendPolicy"/>. Kernel first for <see cref="BackendPolicy.KernelThenManaged"/>, and the managed core only
/// when the kernel refuses the algorithm as unavailable (<see cref="AlgorithmUnavailableException"/>, or no Linux at
/// all); a bad key or any other error is thrown as it is. The choice is made once, when the instance is created.
/// </summary>
public static class ManagedBackends
{
    /// <summary>An unkeyed hash (<c>sha256</c>, ...).</summary>
    /// <param name="algorithm">The kernel algorithm name.</param>
    /// <param name="digestSize">The digest size in bytes.</param>
    /// <param name="policy">How to choose.</param>
    /// <param name="backend">Which backend serves the result.</param>
    /// <returns>The core.</returns>
    /// <exception cref="NoManagedBackendException">The policy needs the managed backend and the algorithm has none.</exception>
    public static IHashBackend OpenHash(string algorithm, int digestSize, BackendPolicy policy, out Backend backend)
    {
        if (UseKernelFirst(policy))
        {
            try
            {
                backend = Backend.Kernel;
                return new HashCore(algorithm, digestSize);
            }
            catch (Exception e) when (FallsBack(policy, e))
            {
                return ManagedHashCore(algorithm, digestSize, default, keyed: false, e, out backend);
            }
        }

        return ManagedHashCore(algorithm, digestSize, default, keyed: false, KernelSkipped(policy, algorithm), out backend);
    }

    /// <summary>A keyed hash (<c>hmac(sha256)</c>, <c>cmac(aes)</c>); no copy of the key outlives the core that needs it.</summary>
    /// <param name="algorithm">The kernel algorithm name.</param>
    /// <param name="macSize">The MAC size in bytes.</param>
    /// <param name="key">The key.</param>
    /// <param name="policy">How to choose.</param>
    /// <param name="backend">Which backend serves the result.</param>
    /// <returns>The core.</returns>
    /// <exception cref="NoManagedBackendException">The policy needs the managed backend and the algorithm has none.</exception>
    public static IHashBackend OpenMac(string algorithm, int macSize, ReadOnlySpan<byte> key, BackendPolicy policy, out Backend backend)
    {
        if (UseKernelFirst(policy))
        {
            try
            {
                backend = Backend.Kernel;
                return new HashCore(algorithm, macSize, key);
            }
            catch (Exception e) when (FallsBack(policy, e))
            {
                return ManagedHashCore(algorithm, macSize, key, keyed: true, e, out backend);
            }
        }

        return ManagedHashCore(algorithm, macSize, key, keyed: true, KernelSkipped(policy, algorithm), out backend);
    }

    /// <summary>A symmetric cipher (<c>cbc(aes)</c>, <c>ctr(aes)</c>, <c>ecb(aes)</c>; <c>xts(aes)</c> has no managed core).</summary>
    /// <param name="algorithm">The kernel algorithm name.</param>
    /// <param name="key">The key.</param>
    /// <param name="ivSize">The IV size in bytes.</param>
    /// <param name="blockSize">The block size in bytes.</param>
    /// <param name="policy">How to choose.</param>
    /// <param name="backend">Which backend serves the result.</param>
    /// <returns>The core.</returns>
    /// <exception cref="NoManagedBackendException">The policy needs the managed backend and the algorithm has none.</exception>
    public static ISkcipherBackend OpenSkcipher(string algorithm, ReadOnlySpan<byte> key, int ivSize, int blockSize, BackendPolicy policy, out Backend backend)
    {
        Exception? refusal;
        if (UseKernelFirst(policy))
        {
            try
            {
                backend = Backend.Kernel;
                return new SkcipherCore(algorithm, key, ivSize, blockSize);
            }
            catch (Exception e) when (FallsBack(policy, e))
            {
                refusal = e;
            }
        }
        else
        {
            refusal = KernelSkipped(policy, algorithm);
        }

        var mapping = Require(algorithm, refusal, ManagedKind.CbcAes, ManagedKind.EcbAes, ManagedKind.CtrAes);
        backend = Backend.Managed;
        return ManagedSkcipher.Create(mapping.Kind, key, ivSize, blockSize);
    }

    /// <summary>An AEAD (<c>gcm(aes)</c>, <c>ccm(aes)</c>, <c>rfc7539(chacha20,poly1305)</c>).</summary>
    /// <param name="algorithm">The kernel algorithm name.</param>
    /// <param name="key">The key.</param>
    /// <param name="ivSize">The kernel IV size in bytes (the nonce; 16 for ccm(aes)'s counter block).</param>
    /// <param name="tagSize">The tag size in bytes.</param>
    /// <param name="policy">How to choose.</param>
    /// <param name="backend">Which backend serves the result.</param>
    /// <returns>The core.</returns>
    /// <exception cref="NoManagedBackendException">The policy needs the managed backend and the algorithm has none.</exception>
    public static IAeadBackend OpenAead(string algorithm, ReadOnlySpan<byte> key, int ivSize, int tagSize, BackendPolicy policy, out Backend backend)
    {
        Exception? refusal;
        if (UseKernelFirst(policy))
        {
            try
            {
                backend = Backend.Kernel;
                return new AeadCore(algorithm, key, ivSize, tagSize);
            }
            catch (Exception e) when (FallsBack(policy, e))
            {
                refusal = e;
            }
        }
        else
        {
            refusal = KernelSkipped(policy, algorithm);
        }

        var mapping = Require(algorithm, refusal, ManagedKind.GcmAes, ManagedKind.CcmAes, ManagedKind.ChaCha20Poly1305);
        backend = Backend.Managed;
        return ManagedAead.Create(mapping.Kind, algorithm, key, ivSize, tagSize);
    }

    /// <summary>A kernel DRBG; there is never a managed one (the class promises a specific SP 800-90A generator).</summary>
    /// <param name="algorithm">The kernel algorithm name.</param>
    /// <param name="personalization">The personalization string (may be empty).</param>
    /// <param name="policy">How to choose; a fallback policy only changes the error when the kernel refuses.</param>
    /// <param name="backend">Always <see cref="Backend.Kernel"/>.</param>
    /// <returns>The core.</returns>
    /// <exception cref="NoManagedBackendException">The kernel refused under a fallback policy, or the policy is managed only.</exception>
    public static IRngBackend OpenRng(string algorithm, ReadOnlySpan<byte> personalization, BackendPolicy policy, out Backend backend)
    {
        backend = Backend.Kernel;
        if (!UseKernelFirst(policy))
            throw ManagedAlgorithms.NoBackend(algorithm, KernelSkipped(policy, algorithm));
        try
        {
            return new RngCore(algorithm, personalization);
        }
        catch (Exception e) when (FallsBack(policy, e))
        {
            throw ManagedAlgorithms.NoBackend(algorithm, e);
        }
    }

    /// <summary>
    /// The static one-shot digest under a fallback policy: the kernel's per-thread socket when the kernel serves the
    /// algorithm (checked once per process, <see cref="KernelCrypto.IsSupported(string, TypedAlg.Annotations.KernelAlgorithmType)"/>), else a managed one-shot.
    /// </summary>
    /// <param name="algorithm">The kernel algorithm name.</param>
    /// <param name="digestSize">The digest size in bytes.</param>
    /// <param name="data">The whole message.</param>
    /// <param name="destination">At least <paramref name="digestSize"/> bytes.</param>
    /// <param name="policy">The project's policy.</param>
    public static void HashData(string algorithm, int digestSize, ReadOnlySpan<byte> data, Span<byte> destination, BackendPolicy policy)
    {
        if (policy == BackendPolicy.Kernel || (policy == BackendPolicy.KernelThenManaged && OperatingSystem.IsLinux() && KernelCrypto.IsSupported(algorithm, KernelAlgorithmType.Hash)))
        {
            HashCore.HashData(algorithm, digestSize, data, destination);
            return;
        }

        using var core = OpenHash(algorithm, digestSize, policy, out _);
        core.HashData(data, destination);
    }

    /// <summary>The static one-shot MAC: a core for this call only, so no key copy outlives it.</summary>
    /// <param name="algorithm">The kernel algorithm name.</param>
    /// <param name="macSize">The MAC size in bytes.</param>
    /// <param name="key">The key.</param>
    /// <param name="data">The whole message.</param>
    /// <param name="destination">At least <paramref name="macSize"/> bytes.</param>
    /// <param name="policy">The project's policy.</param>
    public static void MacData(string algorithm, int macSize, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination, BackendPolicy policy)
    {
        using var core = OpenMac(algorithm, macSize, key, policy, out _);
        core.HashData(data, destination);
    }

    /// <summary>The static rng fill: always the kernel's generator; under a fallback policy a refusal says why there is no fallback.</summary>
    /// <param name="algorithm">The kernel algorithm name.</param>
    /// <param name="destination">Any length.</param>
    /// <param name="policy">The project's policy.</param>
    public static void Fill(string algorithm, Span<byte> destination, BackendPolicy policy)
    {
        if (!UseKernelFirst(policy))
            throw ManagedAlgorithms.NoBackend(algorithm, KernelSkipped(policy, algorithm));
        try
        {
            RngCore.Fill(algorithm, destination);
        }
        catch (Exception e) when (FallsBack(policy, e))
        {
            throw ManagedAlgorithms.NoBackend(algorithm, e);
        }
    }

    private static IHashBackend ManagedHashCore(string algorithm, int digestSize, ReadOnlySpan<byte> key, bool keyed, Exception? refusal, out Backend backend)
    {
        var mapping = keyed
            ? Require(algorithm, refusal, ManagedKind.Hmac, ManagedKind.CmacAes)
            : Require(algorithm, refusal, ManagedKind.Hash);
        backend = Backend.Managed;
        return mapping.Kind switch
        {
            ManagedKind.Hash => ManagedHash.Create(mapping.Hash, digestSize),
            ManagedKind.Hmac => ManagedHash.CreateHmac(mapping.Hash, digestSize, key),
            _ => ManagedCmac.Create(digestSize, key),
        };
    }

    private static ManagedMapping Require(string algorithm, Exception? refusal, params ReadOnlySpan<ManagedKind> kinds)
    {
        var mapping = ManagedAlgorithms.Find(algorithm);
        if (mapping is null || !kinds.Contains(mapping.Kind))
            throw ManagedAlgorithms.NoBackend(algorithm, refusal);
        return mapping;
    }

    private static bool UseKernelFirst(BackendPolicy policy) => policy switch
    {
        BackendPolicy.Kernel => true,
        BackendPolicy.KernelThenManaged => OperatingSystem.IsLinux(),
        BackendPolicy.Managed => false,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Kernel, KernelThenManaged or Managed."),
    };

    /// <summary>The kernel's "not here" answers: unavailable for a stated reason, or no usable AF_ALG platform at all.</summary>
    private static bool FallsBack(BackendPolicy policy, Exception e)
        => policy == BackendPolicy.KernelThenManaged && e is AlgorithmUnavailableException or PlatformNotSupportedException or DllNotFoundException;

    /// <summary>Why the kernel was not asked, as the "refusal" a no-backend error mentions (null under Managed: nothing refused).</summary>
    private static Exception? KernelSkipped(BackendPolicy policy, string algorithm)
        => policy == BackendPolicy.KernelThenManaged ? new PlatformNotSupportedException($"AF_ALG exists on Linux only; '{algorithm}' was not asked of a kernel on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.") : null;
}
