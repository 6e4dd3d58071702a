using TypedAlg.Annotations;
using TypedAlg.Cli.Kernel;
using TypedAlg.Manifest;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Manifest;

/// <summary>One manifest entry compared with a kernel.</summary>
internal sealed record CheckFinding(ManifestEntry Entry, bool Disagrees, string Message);

/// <summary>Where a manifest and a kernel disagree: missing algorithms, sizes the kernel reports differently, FIPS flags.</summary>
internal static class ManifestChecker
{
    public static IReadOnlyList<CheckFinding> Check(AlgorithmManifest manifest, KernelView view)
    {
        HashSet<(string, KernelAlgorithmType)> bound = view.Instantiate(manifest.Entries.Select(e => (e.KernelName, e.Type)));
        return manifest.Entries.Select(e => Check(e, view, bound.Contains((e.KernelName, e.Type)))).ToList();
    }

    private static CheckFinding Check(ManifestEntry e, KernelView view, bool bound)
    {
        var type = ManifestFormat.TypeName(e.Type);
        if (!bound)
        {
            return view.FipsEnabled && e.FipsApproved != true
                ? new CheckFinding(e, false, "not served in FIPS mode, as fipsApproved says")
                : new CheckFinding(e, true, $"missing: the kernel has no {type} '{e.KernelName}'");
        }

        var k = view.Find(e.KernelName, e.Type);
        if (k is null)
        {
            return new CheckFinding(e, false, "binds, but /proc/crypto does not describe it (sizes not checked)");
        }

        var problems = new List<string>();
        switch (e.Type)
        {
            case KernelAlgorithmType.Hash:
                Compare("digestSize", e.DigestSize, k.DigestSize);
                Compare("blockSize", e.BlockSize, k.BlockSize);
                break;
            case KernelAlgorithmType.Skcipher:
                Compare("ivSize", e.IvSize, k.IvSize);
                Compare("blockSize", e.BlockSize, k.BlockSize);
                KeysWithin(k.MinKeySize, k.MaxKeySize);
                break;
            case KernelAlgorithmType.Aead:
                if (e.NonceEncoding == "ccm")
                {
                    Compare("kernel IV (ccm counter block)", 16, k.IvSize);
                }
                else
                {
                    Compare("nonceSize", e.NonceSize, k.IvSize);
                }

                if (e.TagSize is int tag && k.MaxAuthSize is int max && tag > max)
                {
                    problems.Add($"tagSize {tag} is larger than the kernel's maxauthsize {max}");
                }

                break;
        }

        if (view.FipsEnabled && e.FipsApproved != true)
        {
            problems.Add("served in FIPS mode although fipsApproved is not true");
        }

        return problems.Count > 0
            ? new CheckFinding(e, true, $"size mismatch ({k.Driver}): " + string.Join("; ", problems))
            : new CheckFinding(e, false, $"ok ({k.Driver}, priority {k.Priority})");

        void Compare(string what, int? manifestValue, int? kernelValue)
        {
            if (manifestValue is int m && kernelValue is int kv && m != kv)
            {
                problems.Add($"{what} {m} in the manifest, {kv} in the kernel");
            }
        }

        void KeysWithin(int? min, int? max)
        {
            foreach (var size in e.KeySizes ?? [])
            {
                if (size < min || size > max)
                {
                    problems.Add($"key size {size} outside the kernel's {min}..{max}");
                }
            }
        }
    }
}
