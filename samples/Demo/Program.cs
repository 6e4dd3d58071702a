// A tour of TypedAlg over the running kernel: each step uses one generated class and prints the
// kernel driver that served it.
//   Demo [FILE]      (default: this program's own assembly)
//   Demo --probe     exit 0 when this kernel offers AF_ALG, 3 when it does not
using System.Text;
using TypedAlg;
using TypedAlg.Runtime;

const int NoAfAlg = 3;

if (args is ["--probe"])
{
    return KernelCrypto.IsAfAlgAvailable ? 0 : NoAfAlg;
}

var path = args.Length > 0 ? args[0] : typeof(Sha256).Assembly.Location;
try
{
    var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
    Console.WriteLine($"Linux {release}, FIPS mode {(KernelCrypto.FipsEnabled ? "on" : "off")}");
    Console.WriteLine();

    // 1. SHA-256 of a file, streamed through the kernel.
    using (var file = File.OpenRead(path))
    {
        var digest = Sha256.Hash(file);
        Step("SHA-256 of a file", Sha256.AlgorithmName, $"{digest}  {path}");
    }

    // 2. HMAC-SHA-256 with a fresh random key; Verify compares in constant time.
    var message = Encoding.UTF8.GetBytes("TypedAlg: the kernel's crypto API, typed.");
    var hmacKey = new byte[32];
    DrbgNoprHmacSha256.FillShared(hmacKey);
    using (var hmac = new HmacSha256(hmacKey))
    {
        var mac = hmac.Compute(message);
        Step("HMAC-SHA-256", HmacSha256.AlgorithmName, $"{mac} (verifies: {hmac.Verify(message, mac)})");
    }

    // 3. AES-GCM: Seal picks a fresh nonce and returns nonce || ciphertext || tag.
    using (var gcm = new GcmAes(GcmAes.Key256.Random()))
    {
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
        Step("AES-256-GCM Seal/Open", GcmAes.AlgorithmName,
            $"{sealedMessage.Length} sealed bytes, round trip {(opened.AsSpan().SequenceEqual(message) ? "ok" : "FAILED")}, a flipped bit is {tampered}");
    }

    // 4. AES-CBC with a random IV (CBC takes whole blocks: 48 bytes here).
    using (var cbc = new CbcAes(CbcAes.Key128.Random()))
    {
        var iv = CbcAes.Iv.Random();
        var plaintext = new byte[48];
        message.AsSpan(0, Math.Min(message.Length, plaintext.Length)).CopyTo(plaintext);
        var ciphertext = cbc.Encrypt(iv, plaintext);
        var decrypted = cbc.Decrypt(iv, ciphertext);
        Step("AES-128-CBC", CbcAes.AlgorithmName,
            $"IV {iv}, first block {Convert.ToHexStringLower(ciphertext.AsSpan(0, 16))}, round trip {(decrypted.AsSpan().SequenceEqual(plaintext) ? "ok" : "FAILED")}");
    }

    // 5. DRBG output (the kernel seeds it from its own entropy).
    using (var drbg = new DrbgNoprHmacSha256())
    {
        Step("DRBG bytes", DrbgNoprHmacSha256.AlgorithmName, Convert.ToHexStringLower(drbg.GetBytes(16)));
    }

    // 6. A key held in the kernel keyring: the HMAC runs on it without its bytes in this process.
    var serial = Keyring.AddKey("logon", "typedalg:demo", hmacKey);
    try
    {
        using var keyed = HmacSha256.FromKeyring(serial);
        var same = keyed.Compute(message) == HmacSha256.Compute(hmacKey, message);
        Step("HMAC with a keyring key", HmacSha256.AlgorithmName, $"key serial {serial}, same MAC as with the bytes: {same}");
    }
    catch (NotSupportedException e)
    {
        Step("HMAC with a keyring key", HmacSha256.AlgorithmName, e.Message);
    }
    finally
    {
        Keyring.Revoke(serial);
    }

    return 0;
}
catch (AfAlgUnavailableException e)
{
    Console.Error.WriteLine(e.Message);
    return NoAfAlg;
}
catch (Exception e) when (e is IOException or KernelCryptoException)
{
    Console.Error.WriteLine($"Demo: {e.Message}");
    return 1;
}

// Prints one step with the driver the kernel picked for the name (the highest priority one).
static void Step(string title, string algorithm, string result)
{
    var driver = KernelCrypto.ReadProcCrypto()
        .Where(e => e.Name == algorithm || e.Driver == algorithm)
        .OrderByDescending(e => e.Priority)
        .Select(e => e.Driver)
        .FirstOrDefault() ?? "?";
    Console.WriteLine($"{title,-26} {algorithm,-22} driver {driver}");
    Console.WriteLine($"{"",-26} {result}");
}
