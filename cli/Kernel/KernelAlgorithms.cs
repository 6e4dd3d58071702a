using TypedAlg.Annotations;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Kernel;

/// <summary>Looks up an algorithm the user named on the running kernel, for the sizes the runtime cores need.</summary>
internal static class KernelAlgorithms
{
    /// <summary>Whether the kernel binds the name as this type (one socket, cached).</summary>
    public static bool Binds(string name, KernelAlgorithmType type) => KernelCrypto.IsSupported(name, type);

    /// <summary>The /proc/crypto entry of a bindable algorithm; throws the runtime's diagnosis when it does not bind.</summary>
    public static ProcCryptoEntry Require(string name, KernelAlgorithmType type)
    {
        // Read while bound: a template instance can have been dropped since an earlier (cached) check.
        var entries = KernelCrypto.ReadProcCryptoWhileBound(name, type);
        if (entries is null)
        {
            ThrowNotFound(name, type);
        }

        return KernelView.Find(entries!, name, type)
            ?? throw CliException.Failure($"'{name}' binds as {KernelCrypto.SocketType(type)} but /proc/crypto does not describe it, so its sizes are unknown");
    }

    /// <summary>
    /// Opens the algorithm the way the command would, so the runtime explains why it is unavailable (no AF_ALG,
    /// unknown name with the nearest names, missing algif module, FIPS mode).
    /// </summary>
    public static void ThrowNotFound(string name, KernelAlgorithmType type)
    {
        switch (type)
        {
            case KernelAlgorithmType.Hash:
                new HashCore(name, 1).Dispose();
                break;
            case KernelAlgorithmType.Skcipher:
                new SkcipherCore(name, new byte[16], 0, 1).Dispose();
                break;
            case KernelAlgorithmType.Aead:
                new AeadCore(name, new byte[16], 1, 1).Dispose();
                break;
            default:
                new RngCore(name).Dispose();
                break;
        }

        throw CliException.Failure($"the kernel has no {KernelCrypto.SocketType(type)} algorithm '{name}'");
    }
}
