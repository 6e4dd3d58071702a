using System.Security.Cryptography;
using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// Kernel faults provoked in the guest: each is answered with the documented exception and leaves no descriptor open.
/// (Revoked/expired keys and algif_aead's absence are also checked for their messages in TypedAlg.KernelTests;
/// here every case counts /proc/self/fd.)
/// </summary>
public sealed class FaultTests
{
    private static readonly byte[] Key16 = Reference.Bytes(16, 1);

    /// <summary>Every way an instance is opened, with how many descriptors it keeps.</summary>
    public static TheoryData<string> Openers => new(s_openers.Keys);

    private static readonly Dictionary<string, Func<IDisposable>> s_openers = new()
    {
        ["hash"] = () => new HashCore("sha256", 32),
        ["hmac"] = () => new HashCore("hmac(sha256)", 32, Key16),
        ["hash clone"] = () => { using var h = new HashCore("sha256", 32); h.Append("a"u8); return h.Clone(); },
        ["skcipher"] = () => new SkcipherCore("cbc(aes)", Key16, 16, 16),
        ["skcipher stream"] = () => { using var c = new SkcipherCore("ctr(aes)", Key16, 16, 1); return c.CreateEncryptor(new byte[16]); },
        ["aead"] = () => new AeadCore("gcm(aes)", Key16, 12, 16),
        ["rng"] = () => new RngCore("drbg_nopr_hmac_sha256"),
        ["generated"] = () => new GcmAes(GcmAes.Key128.Create(Key16)),
    };

    [Fact]
    public void IsSupportedDoesNotRememberAFailureForWantOfDescriptors()
    {
        // sha224 is probed nowhere else in this process, so no earlier answer is cached.
        var old = Native.SetDescriptorLimit(LimitLeaving(0));
        bool whileExhausted;
        try
        {
            whileExhausted = KernelCrypto.IsSupported("sha224", Annotations.KernelAlgorithmType.Hash);
        }
        finally
        {
            Native.RestoreDescriptorLimit(old);
        }

        Assert.False(whileExhausted);
        Assert.True(KernelCrypto.IsSupported("sha224", Annotations.KernelAlgorithmType.Hash));
    }

    [Theory]
    [MemberData(nameof(Openers))]
    public void DescriptorLimitGivesEmfileAndLeavesNothingOpen(string opener)
    {
        var open = s_openers[opener];
        if (opener == "rng" && !ThisBoot.ServesDrbg)
        {
            ThisBoot.AssertNoDrbg(() => open().Dispose());
            return;
        }

        open().Dispose(); // JIT and assembly loading need descriptors: do them before the limit drops
        var failures = 0;
        // With 0, 1, 2 free descriptor numbers every partial open (socket done, accept refused, ...) is reached.
        for (var free = 0; free <= 2; free++)
        {
            var before = Fds.Count();
            var old = Native.SetDescriptorLimit(LimitLeaving(free));
            IDisposable? opened = null;
            Exception? error = null;
            try
            {
                opened = open();
            }
            catch (Exception e)
            {
                error = e;
            }
            finally
            {
                Native.RestoreDescriptorLimit(old);
            }

            if (opened is null)
            {
                // Counted before any message is formatted: printing a stack trace opens the PDBs.
                var after = Fds.Count();
                failures++;
                // The whole exception in the message: a different type (once an OutOfMemoryException on 5.10) needs its stack.
                Assert.True(error is KernelCryptoException, $"{opener} with {free} free: {error}");
                var k = (KernelCryptoException)error!;
                Assert.True(k.Errno == Native.EMFILE, $"{opener} with {free} free: {k}\nOpen: {string.Join(", ", Fds.List())}");
                Assert.Contains("RLIMIT_NOFILE", k.Message);
                Assert.True(before == after, $"{opener} with {free} free: {before} descriptors before, {after} after: {string.Join(", ", Fds.List())}");
            }
            else
            {
                opened.Dispose();
                Assert.Equal(before, Fds.Count());
            }
        }

        Assert.True(failures >= 1, $"{opener}: the limit never stopped it");
        open().Dispose(); // and it works again
    }

    [Fact]
    public void DescriptorLimitDuringZeroCopyFallsBackToSend()
    {
        // pipe2 under the limit fails; the data must still arrive through send().
        using var cbc = new SkcipherCore("cbc(aes)", Key16, 16, 16) { ZeroCopy = ZeroCopyMode.Always };
        var data = Reference.Bytes(4096, 2);
        var output = new byte[data.Length];
        var before = Fds.Count();
        var old = Native.SetDescriptorLimit(LimitLeaving(0));
        try
        {
            cbc.Encrypt(new byte[16], data, output);
        }
        finally
        {
            Native.RestoreDescriptorLimit(old);
        }

        Assert.Equal(Reference.Cbc(Key16, new byte[16], data), output);
        Assert.Equal(before, Fds.Count());
    }

    [Fact]
    public void KeyringKeysRevokedUnsearchableOrExpiredAreRefusedWithoutLeaks()
    {
        var revoked = Keyring.AddKey("user", "typedalg-rel-revoked", Key16);
        Keyring.Revoke(revoked);
        var hidden = Keyring.AddKey("user", "typedalg-rel-nosearch", Key16);
        // Possessor and user may view, read, write and set attributes, but not search.
        Native.SetKeyPermissions(hidden, 0x27000000 | 0x00270000);
        var expiring = Keyring.AddKey("user", "typedalg-rel-expired", Key16);
        Keyring.SetTimeout(expiring, 1);
        Thread.Sleep(2100);

        foreach ((var serial, var errno) in new[] { (revoked, 128), (hidden, Native.EACCES), (expiring, 127) })
        {
            foreach ((var name, var open) in new (string, Func<IDisposable>)[]
            {
                ("hash", () => HashCore.FromKeySerial("hmac(sha256)", 32, serial)),
                ("skcipher", () => SkcipherCore.FromKeySerial("cbc(aes)", serial, 16, 16)),
                ("aead", () => AeadCore.FromKeySerial("gcm(aes)", serial, 12, 16)),
                ("generated", () => CbcAes.FromKeyring(serial)),
            })
            {
                Fds.AssertNoneLeft(
                    () =>
                    {
                        if (Kernel.HasKeySerial)
                        {
                            var e = Assert.Throws<KeyringKeyException>(() => open().Dispose());
                            Assert.Equal(errno, e.Errno);
                            Assert.Equal(serial, e.KeySerial);
                        }
                        else
                        {
                            Assert.Contains("6.2", Assert.Throws<NotSupportedException>(() => open().Dispose()).Message);
                        }
                    },
                    $"{name} with key {serial} (errno {errno})");
            }
        }
    }

    [Fact]
    public void InterruptedCallsAreRetriedNotSurfaced()
    {
        var key = Reference.Bytes(16, 3);
        var iv = Reference.Bytes(16, 4);
        var nonce = Reference.Bytes(12, 5);
        var data = Reference.Bytes(200 * 1024, 6); // > 64 KiB: chunked sends and the splice path
        var aad = Reference.Bytes(40, 7);
        var small = data[..1000];
        var expectedHash = SHA256.HashData(data);
        var expectedMac = HMACSHA256.HashData(key, small);
        var expectedCbc = Reference.Cbc(key, iv, data);
        var expectedCtr = Reference.Ctr(key, iv, small);
        (var expectedCt, var expectedTag) = Reference.Gcm(key, nonce, small, aad);
        var before = Fds.Count();

        var results = new Dictionary<string, byte[]>();
        var forgedAccepted = true;
        (var injector, var error) = EintrInjector.Run(() =>
        {
            var digest = new byte[32];
            using (var hash = new HashCore("sha256", 32) { ZeroCopy = ZeroCopyMode.Always })
            {
                hash.HashData(data, digest);
                results["hash"] = (byte[])digest.Clone();
                hash.Append(data.AsSpan(0, 100));
                using var clone = hash.Clone();
                clone.Append(data.AsSpan(100));
                clone.GetHashAndReset(digest);
                results["hash clone"] = (byte[])digest.Clone();
                hash.GetHashAndReset(digest);
            }

            HashCore.MacData("hmac(sha256)", 32, key, small, digest);
            results["hmac"] = (byte[])digest.Clone();

            var output = new byte[data.Length];
            foreach (var mode in new[] { ZeroCopyMode.Never, ZeroCopyMode.Always })
            {
                using var cbc = new SkcipherCore("cbc(aes)", key, 16, 16) { ZeroCopy = mode };
                cbc.Encrypt(iv, data, output);
                results["cbc " + mode] = (byte[])output.Clone();
            }

            using (var ctr = new SkcipherCore("ctr(aes)", key, 16, 1))
            using (var stream = ctr.CreateEncryptor(iv))
            {
                var streamed = new byte[small.Length];
                var n = stream.Update(small.AsSpan(0, 333), streamed);
                n += stream.Finish(small.AsSpan(333), streamed.AsSpan(n));
                results["ctr stream"] = streamed[..n];
            }

            using (var gcm = new AeadCore("gcm(aes)", key, 12, 16))
            {
                var ct = new byte[small.Length];
                var tag = new byte[16];
                gcm.Encrypt(nonce, small, ct, tag, aad);
                results["gcm ct"] = ct;
                results["gcm tag"] = (byte[])tag.Clone(); // the tag is forged below
                var plain = new byte[small.Length];
                gcm.Decrypt(nonce, ct, tag, plain, aad);
                results["gcm pt"] = (byte[])plain.Clone(); // the failed decryption below clears plain
                tag[0] ^= 1;
                forgedAccepted = gcm.TryDecrypt(nonce, ct, tag, plain, aad);
            }

            if (ThisBoot.ServesDrbg)
            {
                using var rng = new RngCore("drbg_nopr_hmac_sha256");
                var random = new byte[1000];
                rng.Fill(random);
                results["rng"] = random;
            }
        });
        using (injector)
        {
            Assert.True(error is null, $"{error}\nEINTRs injected {injector.Injected}, calls let through {injector.Passed}");
            Assert.Equal(expectedHash, results["hash"]);
            Assert.Equal(expectedHash, results["hash clone"]);
            Assert.Equal(expectedMac, results["hmac"]);
            Assert.Equal(expectedCbc, results["cbc Never"]);
            Assert.Equal(expectedCbc, results["cbc Always"]);
            Assert.Equal(expectedCtr, results["ctr stream"]);
            Assert.Equal(expectedCt, results["gcm ct"]);
            Assert.Equal(expectedTag, results["gcm tag"]);
            Assert.Equal(small, results["gcm pt"]);
            Assert.False(forgedAccepted);
            Assert.Equal(ThisBoot.ServesDrbg, results.ContainsKey("rng"));
            Assert.True(!ThisBoot.ServesDrbg || results["rng"].Any(b => b != 0));

            // Every trapped call was interrupted once before it ran: bind, setsockopt, accept4, send(msg), recv(msg), splice.
            Assert.True(injector.Injected >= 40, $"only {injector.Injected} EINTRs injected");
            Assert.InRange(injector.Passed, injector.Injected - 1, injector.Injected);
        }

        Assert.Equal(before, Fds.Count());
    }

    /// <summary>The soft limit that leaves exactly <paramref name="free"/> descriptor numbers available below it.</summary>
    private static ulong LimitLeaving(int free)
    {
        // The listing's own directory descriptor is closed again by the time the limit applies.
        var open = Directory.GetFileSystemEntries("/proc/self/fd")
            .Where(p => new FileInfo(p).LinkTarget is string t && !t.EndsWith("/fd", StringComparison.Ordinal))
            .Select(p => int.Parse(Path.GetFileName(p)))
            .ToHashSet();
        var candidate = 0;
        for (var found = 0; ; candidate++)
        {
            if (!open.Contains(candidate))
            {
                if (found == free)
                {
                    return (ulong)candidate;
                }

                found++;
            }
        }
    }
}
