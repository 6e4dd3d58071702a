using TypedAlg.Runtime;
using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>
/// The manifest's fipsApproved marks, checked against what the kernel serves (AvailabilityTests shows each
/// entry in the normal boots); in a fips=1 boot (./test runs these with tools/kernel-vm/run --fips) the approved
/// ones still work and the others fail with the FIPS-specific exception.
/// </summary>
public sealed class FipsTests
{
    private static readonly byte[] Data = "FIPS 140"u8.ToArray();
    private static readonly byte[] HmacKey = new byte[32];

    /// <summary>Each default entry with its mark and one real operation.</summary>
    public static TheoryData<string> Entries => new(Operations.Keys);

    private static readonly Dictionary<string, (bool Approved, Action Run)> Operations = new()
    {
        ["CbcAes"] = (CbcAes.FipsApproved, () => { using var c = new CbcAes(CbcAes.Key128.Random()); c.Encrypt(CbcAes.Iv.Random(), new byte[16], new byte[16]); }),
        ["CtrAes"] = (CtrAes.FipsApproved, () => { using var c = new CtrAes(CtrAes.Key128.Random()); c.Encrypt(CtrAes.Iv.Random(), Data, new byte[Data.Length]); }),
        ["XtsAes"] = (XtsAes.FipsApproved, () => { using var c = new XtsAes(XtsAes.Key256.Random()); c.Encrypt(XtsAes.Iv.Random(), new byte[16], new byte[16]); }),
        ["EcbAes"] = (EcbAes.FipsApproved, () => { using var c = new EcbAes(EcbAes.Key128.Random()); c.Encrypt(new byte[16], new byte[16]); }),
        ["GcmAes"] = (GcmAes.FipsApproved, () => { using var c = new GcmAes(GcmAes.Key128.Random()); c.Seal(Data); }),
        ["CcmAes"] = (CcmAes.FipsApproved, () => { using var c = new CcmAes(CcmAes.Key128.Random()); c.Seal(Data); }),
        ["ChaCha20Poly1305Aead"] = (ChaCha20Poly1305Aead.FipsApproved, () => { using var c = new ChaCha20Poly1305Aead(ChaCha20Poly1305Aead.Key256.Random()); c.Seal(Data); }),
        ["Md5"] = (Md5.FipsApproved, () => Md5.Hash(Data)),
        ["Sha1"] = (Sha1.FipsApproved, () => Sha1.Hash(Data)),
        ["Sha256"] = (Sha256.FipsApproved, () => Sha256.Hash(Data)),
        ["Sha384"] = (Sha384.FipsApproved, () => Sha384.Hash(Data)),
        ["Sha512"] = (Sha512.FipsApproved, () => Sha512.Hash(Data)),
        ["Sha3_256"] = (Sha3_256.FipsApproved, () => Sha3_256.Hash(Data)),
        ["Sha3_512"] = (Sha3_512.FipsApproved, () => Sha3_512.Hash(Data)),
        ["HmacSha1"] = (HmacSha1.FipsApproved, () => HmacSha1.Compute(HmacKey, Data)),
        ["HmacSha256"] = (HmacSha256.FipsApproved, () => HmacSha256.Compute(HmacKey, Data)),
        ["HmacSha384"] = (HmacSha384.FipsApproved, () => HmacSha384.Compute(HmacKey, Data)),
        ["HmacSha512"] = (HmacSha512.FipsApproved, () => HmacSha512.Compute(HmacKey, Data)),
        ["CmacAes"] = (CmacAes.FipsApproved, () => { using var c = new CmacAes(CmacAes.Key128.Random()); c.Compute(Data); }),
        ["DrbgNoprSha256"] = (DrbgNoprSha256.FipsApproved, () => { using var r = new DrbgNoprSha256(); r.GetBytes(32); }),
        ["DrbgNoprHmacSha256"] = (DrbgNoprHmacSha256.FipsApproved, () => { using var r = new DrbgNoprHmacSha256(); r.GetBytes(32); }),
        ["StdRng"] = (StdRng.FipsApproved, () => { using var r = new StdRng(); r.GetBytes(32); }),
    };

    [Theory]
    [MemberData(nameof(Entries))]
    [Trait("Boot", "fips")]
    public void InFipsModeApprovedEntriesWorkAndOthersAreRefusedWithTheReason(string entry)
    {
        Assert.True(KernelCrypto.FipsEnabled, "this test needs a kernel booted with fips=1 (tools/kernel-vm/run --fips)");
        var (approved, run) = Operations[entry];
        if (approved)
        {
            run();
            return;
        }

        var error = Assert.IsType<AlgorithmNotFoundException>(Record.Exception(run), exactMatch: false);
        Assert.True(error.RefusedInFipsMode);
        Assert.Contains("FIPS mode", error.Message);
    }
}
