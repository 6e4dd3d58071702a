// A tour of TypedAlg over the running kernel: each step uses one generated class and prints the
// kernel driver that served it.
//   Demo [FILE]      (default: the running executable)
//   Demo --probe     exit 0 when this kernel offers AF_ALG, 3 when it does not
using System.Text;
using TypedAlg;
using TypedAlg.Runtime;

const int NoAfAlg = 3;

if (args is ["--probe"])
{
    return KernelCrypto.IsAfAlgAvailable ? 0 : NoAfAlg;
}

// Not the assembly's location: a NativeAOT build has none (IL3000).
var path = args.Length > 0 ? args[0] : Environment.ProcessPath ?? "/proc/self/exe";
try
{
    var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
    var policy = KernelCrypto.AfAlgRestrict is int level ? $"crypto.af_alg_restrict = {level}" : "none (no af_alg_restrict sysctl)";
    Console.WriteLine($"Linux {release}, FIPS mode {(KernelCrypto.FipsEnabled ? "on" : "off")}, AF_ALG policy {policy}");
    Console.WriteLine();

    // 1. SHA-256 of a file, streamed through the kernel.
    Step("SHA-256 of a file", Sha256.AlgorithmName, () =>
    {
        using var file = File.OpenRead(path);
        return $"{Sha256.Hash(file)}  {path}";
    });

    // 2. HMAC-SHA-256 with a fresh random key; Verify compares in constant time.
    var message = Encoding.UTF8.GetBytes("TypedAlg: the kernel's crypto API, typed.");
    var hmacKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
    Step("HMAC-SHA-256", HmacSha256.AlgorithmName, () =>
    {
        using var hmac = new HmacSha256(hmacKey);
        var mac = hmac.Compute(message);
        return $"{mac} (verifies: {hmac.Verify(message, mac)})";
    });

    // 3. AES-GCM: Seal picks a fresh nonce and returns nonce || ciphertext || tag.
    Step("AES-256-GCM Seal/Open", GcmAes.AlgorithmName, () =>
    {
        using var gcm = new GcmAes(GcmAes.Key256.Random());
        var sealedMessage = gcm.Seal(message, associatedData: "header"u8);
        var opened = gcm.Open(sealedMessage, associatedData: "header"u8);
        sealedMessage[GcmAes.NonceSize] ^= 1;
        string tampered;
        try
        {
            gcm.Open(sealedMessage, associatedData: "header"u8);
            tampered = "accepted (wrong!)";
        }
        catch (System.Security.Cryptography.AuthenticationTagMismatchException)
        {
            tampered = "rejected";
        }

        return $"{sealedMessage.Length} sealed bytes, round trip {(opened.AsSpan().SequenceEqual(message) ? "ok" : "FAILED")}, a flipped bit is {tampered}";
    });

    // 4. AES-CBC with a random IV (CBC takes whole blocks: 48 bytes here).
    Step("AES-128-CBC", CbcAes.AlgorithmName, () =>
    {
        using var cbc = new CbcAes(CbcAes.Key128.Random());
        var iv = CbcAes.Iv.Random();
        var plaintext = new byte[48];
        message.AsSpan(0, Math.Min(message.Length, plaintext.Length)).CopyTo(plaintext);
        var ciphertext = cbc.Encrypt(iv, plaintext);
        var decrypted = cbc.Decrypt(iv, ciphertext);
        return $"IV {iv}, first block {Convert.ToHexStringLower(ciphertext.AsSpan(0, 16))}, round trip {(decrypted.AsSpan().SequenceEqual(plaintext) ? "ok" : "FAILED")}";
    });

    // 5. DRBG output (the kernel seeds it from its own entropy; Linux 7.2 removed the DRBGs).
    Step("DRBG bytes", DrbgNoprHmacSha256.AlgorithmName, () =>
    {
        using var drbg = new DrbgNoprHmacSha256();
        return Convert.ToHexStringLower(drbg.GetBytes(16));
    });

    // 6. A key held in the kernel keyring: the HMAC runs on it without its bytes in this process.
    Step("HMAC with a keyring key", HmacSha256.AlgorithmName, () =>
    {
        var serial = Keyring.AddKey("logon", "typedalg:demo", hmacKey);
        try
        {
            using var keyed = HmacSha256.FromKeyring(serial);
            var same = keyed.Compute(message) == HmacSha256.Compute(hmacKey, message);
            return $"key serial {serial}, same MAC as with the bytes: {same}";
        }
        finally
        {
            Keyring.Revoke(serial);
        }
    });

    return 0;
}
catch (IOException e)
{
    Console.Error.WriteLine($"Demo: {e.Message}");
    return 1;
}

// Runs one step and prints it with the driver the kernel picked for the name (the highest priority one); a step
// this kernel or its policy refuses prints why, in one line, and the tour goes on.
static void Step(string title, string algorithm, Func<string> run)
{
    string result;
    try
    {
        result = run();
    }
    catch (Exception e) when (e is KernelCryptoException or NotSupportedException)
    {
        Console.WriteLine($"{title,-26} {algorithm,-22} refused: {e.Message}");
        return;
    }

    var driver = KernelCrypto.ReadProcCrypto()
        .Where(e => e.Name == algorithm || e.Driver == algorithm)
        .OrderByDescending(e => e.Priority)
        .Select(e => e.Driver)
        .FirstOrDefault() ?? "?";
    Console.WriteLine($"{title,-26} {algorithm,-22} driver {driver}");
    Console.WriteLine($"{"",-26} {result}");
}
