using System.Reflection;
using TypedAlg.Annotations;
using TypedAlg.Runtime;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>
/// Every default entry does in each boot what that kernel and its AF_ALG policy serve, as measured (docs/kernels.md):
/// it works, or it fails with the documented exception and reason, and <c>IsSupported</c> and
/// <c>KernelCrypto.GetAvailability</c> agree. The derived classes are the boots of ./test; none skips.
/// </summary>
public abstract class AvailabilityTests
{
    private static readonly byte[] Data = "availability"u8.ToArray();
    private static readonly byte[] HmacKey = new byte[32];

    /// <summary>Each default entry: its kernel name, IsSupported and one real operation (constructor included).</summary>
    internal static readonly Dictionary<string, (string KernelName, bool IsSupported, Action Run)> Operations = new()
    {
        ["CbcAes"] = (CbcAes.AlgorithmName, CbcAes.IsSupported, () => { using var c = new CbcAes(CbcAes.Key128.Random()); c.Encrypt(CbcAes.Iv.Random(), new byte[16], new byte[16]); }),
        ["CtrAes"] = (CtrAes.AlgorithmName, CtrAes.IsSupported, () => { using var c = new CtrAes(CtrAes.Key128.Random()); c.Encrypt(CtrAes.Iv.Random(), Data, new byte[Data.Length]); }),
        ["XtsAes"] = (XtsAes.AlgorithmName, XtsAes.IsSupported, () => { using var c = new XtsAes(XtsAes.Key256.Random()); c.Encrypt(XtsAes.Iv.Random(), new byte[16], new byte[16]); }),
        ["EcbAes"] = (EcbAes.AlgorithmName, EcbAes.IsSupported, () => { using var c = new EcbAes(EcbAes.Key128.Random()); c.Encrypt(new byte[16], new byte[16]); }),
        ["GcmAes"] = (GcmAes.AlgorithmName, GcmAes.IsSupported, () => { using var c = new GcmAes(GcmAes.Key128.Random()); c.Seal(Data); }),
        ["CcmAes"] = (CcmAes.AlgorithmName, CcmAes.IsSupported, () => { using var c = new CcmAes(CcmAes.Key128.Random()); c.Seal(Data); }),
        ["ChaCha20Poly1305Aead"] = (ChaCha20Poly1305Aead.AlgorithmName, ChaCha20Poly1305Aead.IsSupported, () => { using var c = new ChaCha20Poly1305Aead(ChaCha20Poly1305Aead.Key256.Random()); c.Seal(Data); }),
        ["Md5"] = (Md5.AlgorithmName, Md5.IsSupported, () => Md5.Hash(Data)),
        ["Sha1"] = (Sha1.AlgorithmName, Sha1.IsSupported, () => Sha1.Hash(Data)),
        ["Sha256"] = (Sha256.AlgorithmName, Sha256.IsSupported, () => Sha256.Hash(Data)),
        ["Sha384"] = (Sha384.AlgorithmName, Sha384.IsSupported, () => Sha384.Hash(Data)),
        ["Sha512"] = (Sha512.AlgorithmName, Sha512.IsSupported, () => Sha512.Hash(Data)),
        ["Sha3_256"] = (Sha3_256.AlgorithmName, Sha3_256.IsSupported, () => Sha3_256.Hash(Data)),
        ["Sha3_512"] = (Sha3_512.AlgorithmName, Sha3_512.IsSupported, () => Sha3_512.Hash(Data)),
        ["HmacSha1"] = (HmacSha1.AlgorithmName, HmacSha1.IsSupported, () => HmacSha1.Compute(HmacKey, Data)),
        ["HmacSha256"] = (HmacSha256.AlgorithmName, HmacSha256.IsSupported, () => HmacSha256.Compute(HmacKey, Data)),
        ["HmacSha384"] = (HmacSha384.AlgorithmName, HmacSha384.IsSupported, () => HmacSha384.Compute(HmacKey, Data)),
        ["HmacSha512"] = (HmacSha512.AlgorithmName, HmacSha512.IsSupported, () => HmacSha512.Compute(HmacKey, Data)),
        ["CmacAes"] = (CmacAes.AlgorithmName, CmacAes.IsSupported, () => { using var c = new CmacAes(CmacAes.Key128.Random()); c.Compute(Data); }),
        ["DrbgNoprSha256"] = (DrbgNoprSha256.AlgorithmName, DrbgNoprSha256.IsSupported, () => { using var r = new DrbgNoprSha256(); r.GetBytes(32); }),
        ["DrbgNoprHmacSha256"] = (DrbgNoprHmacSha256.AlgorithmName, DrbgNoprHmacSha256.IsSupported, () => { using var r = new DrbgNoprHmacSha256(); r.GetBytes(32); }),
        ["StdRng"] = (StdRng.AlgorithmName, StdRng.IsSupported, () => { using var r = new StdRng(); r.GetBytes(32); }),
    };

    /// <summary>The default entries.</summary>
    public static TheoryData<string> Entries => new(Operations.Keys);

    /// <summary>The kernel of this boot, as the harness names it (5.10 ... 7.3).</summary>
    protected static string Kernel => ThisBoot.Kernel;

    /// <summary>Whether this process has CAP_NET_ADMIN or CAP_SYS_ADMIN.</summary>
    protected static bool Capable => ThisBoot.Capable;

    /// <summary>The [KernelAlgorithm] the generator put on a default class, from the manifest entry.</summary>
    private static KernelAlgorithmAttribute AttributeOf(string entry) =>
        typeof(CbcAes).Assembly.GetType("TypedAlg." + entry)!.GetCustomAttribute<KernelAlgorithmAttribute>()!;

    /// <summary>What this boot must do with the entry: null when it works.</summary>
    private static UnavailableReason? Expected(string entry, string kernelName) => ThisBoot.Expected(kernelName, AttributeOf(entry).FipsApproved);

    /// <summary>
    /// The default manifest's measured availability (kernels, restrictedAccess), as the generator put it into
    /// [KernelAlgorithm], against what this boot does: a wrong value in algorithms.json fails here, in the boot that
    /// disagrees. Computed from the attribute and this boot's facts only, not from the runtime's tables.
    /// </summary>
    [Theory]
    [MemberData(nameof(Entries))]
    public void TheManifestSaysWhatThisBootServes(string entry)
    {
        var attribute = AttributeOf(entry);
        Assert.NotNull(attribute.Kernels);
        Assert.NotEqual(RestrictedAccess.Unknown, attribute.RestrictedAccess);
        var level = ThisBoot.RestrictLevel ?? 0;
        var fips = ThisBoot.FipsMode;
        var servedByKernel = attribute.Kernels.Contains(Kernel) && (attribute.FipsApproved || !fips);
        var expected = level switch
        {
            0 => servedByKernel,
            1 => servedByKernel && (attribute.RestrictedAccess == RestrictedAccess.AnyProcess || (attribute.RestrictedAccess == RestrictedAccess.Privileged && Capable)),
            _ => false,
        };

        var error = Record.Exception(Operations[entry].Run);
        Assert.True(expected == (error is null),
            $"{entry}: the manifest says kernels [{string.Join(", ", attribute.Kernels)}], restrictedAccess {attribute.RestrictedAccess}, so on {Kernel} at af_alg_restrict {level} " +
            $"({(Capable ? "capable" : "no capability")}) it should {(expected ? "work" : "be refused")}; it {(error is null ? "worked" : "failed: " + error.Message)}");
        if (error is not null)
        {
            Assert.IsAssignableFrom<AlgorithmUnavailableException>(error);
        }
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void EntryWorksOrIsRefusedWithTheDocumentedReason(string entry)
    {
        var (kernelName, isSupported, run) = Operations[entry];
        var expected = Expected(entry, kernelName);
        var error = Record.Exception(run);
        if (expected is null)
        {
            Assert.Null(error);
            Assert.True(isSupported);
            return;
        }

        var refusal = Assert.IsAssignableFrom<AlgorithmUnavailableException>(error);
        Assert.Equal(expected, refusal.Reason);
        Assert.False(isSupported);
        Assert.Contains(expected switch
        {
            UnavailableReason.AfAlgDisabledByPolicy => "crypto.af_alg_restrict = 2",
            UnavailableReason.RefusedByPolicy => "crypto.af_alg_restrict = 1",
            UnavailableReason.RefusedInFipsMode => "it runs in FIPS mode",
            _ => "Linux 7.2 removed",
        }, refusal.Message, StringComparison.Ordinal);
        if (expected == UnavailableReason.RefusedByPolicy)
        {
            var policy = Assert.IsType<AlgorithmRefusedByPolicyException>(refusal);
            var capabilityWouldAllow = ThisBoot.CapableProcessAtLevel1.Contains(kernelName);
            Assert.Equal(capabilityWouldAllow, policy.CapabilityWouldAllow);
            Assert.Equal(capabilityWouldAllow, refusal.Message.Contains("CAP_NET_ADMIN or CAP_SYS_ADMIN, and this process has neither", StringComparison.Ordinal));
            Assert.Contains("sysctl -w crypto.af_alg_restrict=0", refusal.Message, StringComparison.Ordinal);
        }

        if (expected == UnavailableReason.NotInKernel)
        {
            // Nothing the kernel lacks is suggested; the way out is the BCL's getrandom-backed generator.
            Assert.Contains("RandomNumberGenerator", refusal.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("drbg_", refusal.Message.Replace($"'{kernelName}'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        var availability = KernelCrypto.GetAvailability(kernelName, AttributeOf(entry).Type);
        Assert.Equal(expected, availability.Reason);
        Assert.Equal(refusal.Message, availability.Message);
    }
}

/// <summary>The normal boots: every kernel of the matrix, 7.3 at af_alg_restrict = 0, as root.</summary>
public sealed class NormalBootAvailabilityTests : AvailabilityTests
{
    [Fact]
    public void TheNormalBootAppliesNoPolicy()
    {
        Assert.True(KernelCrypto.AfAlgRestrict is null or 0, $"af_alg_restrict is {KernelCrypto.AfAlgRestrict}");
        Assert.Equal(Kernel == "7.3", KernelCrypto.AfAlgRestrict is not null);
        Assert.True(Capable);
    }
}

/// <summary>A kernel booted with fips=1 (6.12): only the entries the manifest marks fipsApproved work.</summary>
[Trait("Boot", "fips")]
public sealed class FipsAvailabilityTests : AvailabilityTests
{
    [Fact]
    public void TheKernelIsInFipsMode() => Assert.True(KernelCrypto.FipsEnabled);
}

/// <summary>Linux 7.3 as shipped: the policy's default is level 1; this process is root.</summary>
[Trait("Boot", "af_alg_restrict-1")]
public sealed class DefaultPolicyAvailabilityTests : AvailabilityTests
{
    [Fact]
    public void TheDefaultLevelIsOne()
    {
        Assert.Equal("7.3", Kernel);
        Assert.Equal(1, KernelCrypto.AfAlgRestrict);
        Assert.True(Capable);
    }
}

/// <summary>Linux 7.3 at level 1 in a service account: uid 65534, no capabilities (tools/kernel-vm/run --unprivileged).</summary>
[Trait("Boot", "af_alg_restrict-1-unprivileged")]
public sealed class UnprivilegedPolicyAvailabilityTests : AvailabilityTests
{
    [Fact]
    public void ThisProcessIsUnprivileged()
    {
        Assert.Equal(1, KernelCrypto.AfAlgRestrict);
        Assert.False(Capable);
        Assert.NotEqual("0", File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1]);
    }
}

/// <summary>Linux 7.3 at level 2: AF_ALG is switched off for every process.</summary>
[Trait("Boot", "af_alg_restrict-2")]
public sealed class AfAlgOffAvailabilityTests : AvailabilityTests
{
    [Fact]
    public void AfAlgIsSwitchedOffAndSaysSo()
    {
        Assert.Equal(2, KernelCrypto.AfAlgRestrict);
        Assert.False(KernelCrypto.IsAfAlgAvailable);
    }
}
