using TypedAlg.Annotations;
using TypedAlg.Cli.Kernel;
using TypedAlg.Manifest;
using TypedAlg.Runtime;
using TypedAlg.Runtime.Kernel;

namespace TypedAlg.Cli.Manifest;

/// <summary>Builds manifest entries from what a kernel's /proc/crypto says about an algorithm.</summary>
internal static class ManifestImporter
{
    private static readonly KernelAlgorithmType[] s_types =
        [KernelAlgorithmType.Hash, KernelAlgorithmType.Skcipher, KernelAlgorithmType.Aead, KernelAlgorithmType.Rng];

    /// <summary>Binds every name as every socket type first (live), so that templates show up in /proc/crypto.</summary>
    public static IReadOnlyList<ManifestEntry> Import(IReadOnlyList<string> names, KernelView view)
    {
        var bound = view.Instantiate(names.SelectMany(n => s_types.Select(t => (n, t))));
        return names.Select(n => Measured(Import(n, view), view, bound)).ToList();
    }

    /// <summary>
    /// What the running kernel shows about availability, and nothing it does not: "kernels" is this kernel when the
    /// algorithm bound; "restrictedAccess" is known at crypto.af_alg_restrict=1 only where one bind tells: bound
    /// without CAP_NET_ADMIN/CAP_SYS_ADMIN (anyProcess) or refused with one (refused).
    /// </summary>
    private static ManifestEntry Measured(ManifestEntry entry, KernelView view, HashSet<(string Name, KernelAlgorithmType Type)> bound)
    {
        if (!view.IsLive)
        {
            return entry;
        }

        var served = bound.Contains((entry.KernelName, entry.Type));
        var version = Environment.OSVersion.Version;
        var access = KernelCrypto.AfAlgRestrict != 1 ? (RestrictedAccess?)null
            : served && !KernelCrypto.HasPolicyCapability ? RestrictedAccess.AnyProcess
            : !served && KernelCrypto.HasPolicyCapability ? RestrictedAccess.Refused
            : null;
        return entry with
        {
            Kernels = served ? [$"{version.Major}.{version.Minor}"] : null,
            RestrictedAccess = access,
        };
    }

    public static ManifestEntry Import(string name, KernelView view)
    {
        var found = KernelFacts.Preferred(
            view.Entries.Where(e => (e.Name == name || e.Driver == name) && !e.Internal && KernelView.SocketTypeOf(e.Type) is not null),
            name, e => e.Driver, e => e.Priority);
        if (found is null)
        {
            var other = view.Entries.FirstOrDefault(e => e.Name == name || e.Driver == name);
            throw CliException.Failure(other is not null
                ? $"'{name}' is a {other.Type}{(other.Internal ? " (internal)" : "")} in {view.Source}, which AF_ALG cannot use"
                : $"'{name}' is not in {view.Source}{(view.IsLive ? " and the kernel does not bind it" : "")}");
        }

        var type = KernelView.SocketTypeOf(found.Type)!.Value;
        var entry = new ManifestEntry
        {
            Class = ClassNames.FromKernelName(name),
            KernelName = name,
            Type = type,
            FipsApproved = view.FipsEnabled ? true : null,
            // Said on purpose, as the generator asks of a known-insecure algorithm (TA1009).
            Insecure = KnownInsecure.ReasonFor(name) is { } reason ? reason + "." : null,
            Notes = $"Imported from {view.Source}{(view.IsLive ? $" on Linux {Environment.OSVersion.Version}" : "")}: driver {found.Driver}, priority {found.Priority}"
                + (view.FipsEnabled ? ", served in FIPS mode." : "; fipsApproved not known (the kernel was not in FIPS mode)."),
        };

        return type switch
        {
            KernelAlgorithmType.Hash => Hash(entry, found, view),
            KernelAlgorithmType.Skcipher => entry with
            {
                KeySizes = KeySizes(found.MinKeySize, found.MaxKeySize, name),
                IvSize = found.IvSize ?? 0,
                BlockSize = found.BlockSize ?? 1,
                WholeBlocks = found.BlockSize > 1 && !KernelFacts.AllowsPartialFinalBlock(name) ? true : null,
            },
            KernelAlgorithmType.Aead => Aead(entry, found, view),
            _ => entry,
        };
    }

    private static ManifestEntry Hash(ManifestEntry entry, ProcCryptoEntry found, KernelView view)
    {
        var digest = found.DigestSize ?? throw CliException.Failure($"'{entry.KernelName}': {view.Source} gives no digestsize");
        entry = entry with { DigestSize = digest, BlockSize = found.BlockSize };
        if (entry.KernelName.StartsWith("hmac(", StringComparison.Ordinal))
        {
            // HMAC takes any key length; the digest size is the recommended minimum (RFC 2104).
            return entry with { MinimumKeySize = digest };
        }

        var inner = InnerCipher(entry.KernelName, view);
        return inner is null ? entry : entry with { KeySizes = KeySizes(inner.MinKeySize, inner.MaxKeySize, entry.KernelName) };
    }

    private static ManifestEntry Aead(ManifestEntry entry, ProcCryptoEntry found, KernelView view)
    {
        var inner = InnerCipher(entry.KernelName, view)
            ?? throw CliException.Failure($"'{entry.KernelName}': cannot tell its key sizes from {view.Source} (no inner cipher entry); write the entry by hand");
        var ccm = entry.KernelName.StartsWith("ccm(", StringComparison.Ordinal);
        return entry with
        {
            KeySizes = KeySizes(inner.MinKeySize, inner.MaxKeySize, entry.KernelName),

            // The kernel's ccm IV is the 16-byte counter block; the manifest takes the nonce and encodes it (docs/manifest.md).
            NonceSize = ccm ? 12 : found.IvSize ?? throw CliException.Failure($"'{entry.KernelName}': {view.Source} gives no ivsize"),
            NonceEncoding = ccm ? "ccm" : null,
            TagSize = found.MaxAuthSize ?? throw CliException.Failure($"'{entry.KernelName}': {view.Source} gives no maxauthsize"),
        };
    }

    /// <summary>The cipher inside a template: gcm(aes) -> aes, rfc7539(chacha20,poly1305) -> chacha20.</summary>
    private static ProcCryptoEntry? InnerCipher(string kernelName, KernelView view)
    {
        var open = kernelName.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var end = kernelName.IndexOfAny([',', ')'], open + 1);
        var inner = kernelName[(open + 1)..(end < 0 ? kernelName.Length : end)];
        return view.Entries.Where(e => e.Name == inner && e.MinKeySize is not null && e.MaxKeySize is not null).MaxBy(e => e.Priority);
    }

    /// <summary>
    /// /proc/crypto gives a key range. AES-shaped ranges (16..32, XTS 32..64, RFC 3686 20..36) become their three
    /// sizes: ends and middle, a multiple of 8 apart. Anything else gives its two ends, which the user should check.
    /// </summary>
    internal static IReadOnlyList<int> KeySizes(int? min, int? max, string name)
    {
        if (min is not int lo || max is not int hi || lo <= 0 || hi < lo)
        {
            throw CliException.Failure($"'{name}': no key sizes in /proc/crypto; write keySizes by hand");
        }

        if (lo == hi)
        {
            return [lo];
        }

        if ((hi - lo) % 16 == 0)
        {
            return [lo, (lo + hi) / 2, hi];
        }

        return [lo, hi];
    }
}
