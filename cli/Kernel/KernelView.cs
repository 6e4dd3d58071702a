using TypedAlg.Annotations;
using TypedAlg.Runtime;
using TypedAlg.Runtime.Kernel;

namespace TypedAlg.Cli.Kernel;

/// <summary>
/// What a kernel offers, for list and manifest: the running kernel (binds instantiate templates such as gcm(aes),
/// which /proc/crypto shows only after first use) or saved /proc/crypto text (--proc-crypto FILE).
/// </summary>
internal sealed class KernelView
{
    private readonly bool _live;

    private KernelView(IReadOnlyList<ProcCryptoEntry> entries, bool fipsEnabled, string source, bool live)
    {
        Entries = entries;
        FipsEnabled = fipsEnabled;
        Source = source;
        _live = live;
    }

    public IReadOnlyList<ProcCryptoEntry> Entries { get; private set; }

    public bool FipsEnabled { get; }

    /// <summary>"/proc/crypto" or the file the text came from.</summary>
    public string Source { get; }

    public bool IsLive => _live;

    public static KernelView Live() => new(KernelCrypto.ReadProcCrypto(), KernelCrypto.FipsEnabled, "/proc/crypto", live: true);

    /// <summary>Saved /proc/crypto text; FIPS mode is unknown there and taken as off.</summary>
    public static KernelView FromFile(string path) => new(KernelCrypto.ParseProcCrypto(File.ReadAllText(path)), false, path, live: false);

    /// <summary>The running kernel with a saved file's text instead, when the user gave one.</summary>
    public static KernelView Open(string? procCryptoFile) => procCryptoFile is null ? Live() : FromFile(procCryptoFile);

    /// <summary>
    /// Binds each algorithm once (live only) so that templates appear in /proc/crypto, then re-reads it.
    /// Returns the ones that bound; for a file, the ones it lists.
    /// </summary>
    public HashSet<(string Name, KernelAlgorithmType Type)> Instantiate(IEnumerable<(string Name, KernelAlgorithmType Type)> algorithms)
    {
        var bound = new HashSet<(string, KernelAlgorithmType)>();
        foreach ((var name, var type) in algorithms)
        {
            if (_live ? KernelCrypto.IsSupported(name, type) : Find(name, type) is not null)
            {
                bound.Add((name, type));
            }
        }

        if (_live)
        {
            Entries = KernelCrypto.ReadProcCrypto();
        }

        return bound;
    }

    /// <summary>The entry the kernel would pick: the driver itself, else the highest-priority implementation of the name.</summary>
    public ProcCryptoEntry? Find(string name, KernelAlgorithmType type) => Find(Entries, name, type);

    public static ProcCryptoEntry? Find(IEnumerable<ProcCryptoEntry> entries, string name, KernelAlgorithmType type) =>
        KernelFacts.Preferred(entries.Where(e => (e.Name == name || e.Driver == name) && !e.Internal && TypeMatches(e.Type, type)),
            name, e => e.Driver, e => e.Priority);

    /// <summary>The AF_ALG socket type that serves a /proc/crypto type, if any.</summary>
    public static KernelAlgorithmType? SocketTypeOf(string procType) => KernelFacts.SocketTypeOf(procType);

    public static bool TypeMatches(string procType, KernelAlgorithmType type) => SocketTypeOf(procType) == type;
}
