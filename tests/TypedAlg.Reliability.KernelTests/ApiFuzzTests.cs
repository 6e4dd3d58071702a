using System.Security.Cryptography;
using CsCheck;
using TypedAlg.Reliability.KernelTests.Support;
using TypedAlg.Runtime;
using TypedAlg.Tests;
using Xunit;

namespace TypedAlg.Reliability.KernelTests;

/// <summary>
/// The public runtime API under random sizes and contents (CsCheck, shrinking on failure): every call either gives
/// the reference result or throws a documented exception, never hangs (each property runs under a watchdog, and the
/// guest run has its own timeout), and leaves no descriptor open. Longer runs: TYPEDALG_FUZZ_ITERATIONS=N.
/// </summary>
public sealed class ApiFuzzTests
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(3);

    // A lie about the block size once hung a 6.12 guest here (a stream receive waiting for a whole kernel block):
    // MisdeclaredSizeTests pins that case down.
    [Fact]
    public void SkcipherUnderRandomArguments()
    {
        var gen = Gen.Select(
            Gen.Int[0, 3],
            Gen.OneOf(Gen.OneOf<int>(16, 24, 32, 64), Gen.Int[0, 80]),
            Gen.Int[0, 9],                                      // 0: lie about ivSize/blockSize
            Gen.OneOf(Gen.Int[0, 300], Gen.Int[0, 140_000]),    // message length (over 64 KiB: chunked, spliced)
            Gen.Int[-17, 17],                                   // destination length delta / shift
            Gen.Int[0, 3],                                      // layout: separate, in place, shifted, streamed
            Gen.UInt);
        Run(gen, c =>
        {
            (var a, var keyLength, var lie, var length, var delta, var layout, var seed) = c;
            (var name, var ivSize, var blockSize) = new[] { ("cbc(aes)", 16, 16), ("ctr(aes)", 16, 1), ("ecb(aes)", 0, 16), ("xts(aes)", 16, 16) }[a];
            if (lie == 0)
            {
                ivSize = (int)(seed % 20);
                blockSize = 1 + (int)(seed % 31);
            }

            var key = Reference.Bytes(keyLength, (int)seed);
            var iv = Reference.Bytes(ivSize, (int)seed + 1);
            var data = Reference.Bytes(length, (int)seed + 2);
            Documented(() =>
            {
                using var core = new SkcipherCore(name, key, ivSize, blockSize) { ZeroCopy = (ZeroCopyMode)(seed % 3) };
                byte[] output;
                if (layout == 3)
                {
                    using var stream = core.CreateEncryptor(iv);
                    output = new byte[length];
                    var split = length == 0 ? 0 : (int)(seed % (uint)length);
                    var n = stream.Update(data.AsSpan(0, split), output);
                    n += stream.Finish(data.AsSpan(split), output.AsSpan(n));
                    Assert.Equal(length, n);
                }
                else if (layout == 0)
                {
                    output = new byte[Math.Max(0, length + delta)];
                    core.Encrypt(iv, data, output);
                    output = output[..length];
                }
                else
                {
                    // In place (shift 0) or shifted inside one buffer; the runtime refuses a destination ahead of the source.
                    var shift = layout == 1 ? 0 : delta;
                    var buffer = new byte[length + 40];
                    data.CopyTo(buffer, 20);
                    core.Encrypt(iv, buffer.AsSpan(20, length), buffer.AsSpan(20 + shift, length));
                    output = buffer.AsSpan(20 + shift, length).ToArray();
                }

                var expected = lie != 0 && keyLength is 16 or 24 or 32 ? name switch
                {
                    "cbc(aes)" => Reference.Cbc(key, iv, data),
                    "ctr(aes)" => Reference.Ctr(key, iv, data),
                    "ecb(aes)" => EcbReference(key, data),
                    _ => null,
                } : null;
                if (expected is not null)
                {
                    Assert.Equal(expected, output);
                }
            });
        });
    }

    [Fact]
    public void AeadUnderRandomArguments()
    {
        var gen = Gen.Select(
            Gen.Int[0, 2],
            Gen.OneOf(Gen.OneOf<int>(16, 32), Gen.Int[0, 40]),
            Gen.OneOf(Gen.OneOf<int>(12, 16), Gen.Int[0, 20]),      // claimed tag size
            Gen.OneOf(Gen.Int[0, 200], Gen.Int[0, 70_000]),        // text length
            Gen.OneOf(Gen.Int[0, 40], Gen.Int[0, 3000]),           // associated data length
            Gen.Int[0, 4],                                         // 0: intact; else tamper tag, text, aad, nonce
            Gen.UInt);
        Run(gen, c =>
        {
            (var a, var keyLength, var tagSize, var length, var aadLength, var tamper, var seed) = c;
            (var name, var nonceSize) = new[] { ("gcm(aes)", 12), ("rfc7539(chacha20,poly1305)", 12), ("ccm(aes)", 16) }[a];
            var key = Reference.Bytes(keyLength, (int)seed);
            var nonce = Reference.Bytes(nonceSize, (int)seed + 1);
            if (name == "ccm(aes)")
            {
                nonce[0] = 3; // L' = 3: a valid CCM counter block
            }

            var plain = Reference.Bytes(length, (int)seed + 2);
            var aad = Reference.Bytes(aadLength, (int)seed + 3);
            Documented(() =>
            {
                using var aead = new AeadCore(name, key, nonceSize, tagSize);
                var ct = new byte[length];
                var tag = new byte[tagSize];
                aead.Encrypt(nonce, plain, ct, tag, aad);
                if (name == "gcm(aes)" && tagSize == 16)
                {
                    (var refCt, var refTag) = Reference.Gcm(key, nonce, plain, aad);
                    Assert.Equal(refCt, ct);
                    Assert.Equal(refTag, tag);
                }

                switch (tamper)
                {
                    case 1: tag[seed % (uint)tagSize] ^= 1; break;
                    case 2 when length > 0: ct[seed % (uint)length] ^= 0x80; break;
                    case 3 when aadLength > 0: aad[seed % (uint)aadLength] ^= 2; break;
                    case 4: nonce[1] ^= 4; break; // byte 1: inside the CCM nonce, not its counter bytes
                    default: tamper = 0; break;
                }

                var output = new byte[length];
                output.AsSpan().Fill(0xCC);
                var authentic = aead.TryDecrypt(nonce, ct, tag, output, aad);
                Assert.Equal(tamper == 0, authentic);
                Assert.Equal(tamper == 0 ? plain : new byte[length], output);
            });
        });
    }

    [Fact]
    public void HashAndRngUnderRandomArguments()
    {
        var gen = Gen.Select(
            Gen.Int[0, 3],
            Gen.OneOf(Gen.Int[0, 100], Gen.Int[0, 200_000]),
            Gen.Int[0, 70],                                          // claimed digest size
            Gen.Int[-2, 40],                                         // destination length delta
            Gen.Int[1, 6],                                           // pieces for Append
            Gen.UInt);
        Run(gen, c =>
        {
            (var a, var length, var digestSize, var delta, var pieces, var seed) = c;
            var data = Reference.Bytes(length, (int)seed);
            var destination = new byte[Math.Max(0, digestSize + delta)];
            Documented(() =>
            {
                switch (a)
                {
                    case 0:
                    {
                        using var hash = new HashCore("sha256", digestSize) { ZeroCopy = (ZeroCopyMode)(seed % 3) };
                        var step = Math.Max(1, length / pieces);
                        for (var i = 0; i < length; i += step)
                        {
                            hash.Append(data.AsSpan(i, Math.Min(step, length - i)));
                        }

                        hash.GetHashAndReset(destination);
                        var n = Math.Min(digestSize, 32); // the kernel truncates to a smaller claimed size
                        Assert.Equal(SHA256.HashData(data)[..n], destination[..n]);
                        break;
                    }

                    case 1:
                        HashCore.MacData("hmac(sha512)", digestSize, data.AsSpan(0, Math.Min(length, 300)), data, destination);
                        Assert.Equal(HMACSHA512.HashData(data.AsSpan(0, Math.Min(length, 300)), data).AsSpan(0, digestSize).ToArray(), destination[..digestSize]);
                        break;
                    case 2 when !ThisBoot.ServesDrbg:
                        ThisBoot.AssertNoDrbg(() => new RngCore("drbg_nopr_hmac_sha256").Dispose());
                        break;
                    case 2:
                    {
                        using var rng = new RngCore("drbg_nopr_hmac_sha256", data.AsSpan(0, Math.Min(length, 64)));
                        var random = new byte[length % 5000];
                        rng.Fill(random);
                        Assert.True(random.Length < 16 || random.AsSpan().ContainsAnyExcept((byte)0));
                        break;
                    }

                    default:
                        HashCore.HashData("sha1", digestSize, data, destination);
                        Assert.Equal(SHA1.HashData(data)[..Math.Min(digestSize, 20)], destination[..Math.Min(digestSize, 20)]);
                        break;
                }
            });
        });
    }

    /// <summary>Runs the property under a watchdog and checks the descriptor count around the whole run.</summary>
    private static void Run<T>(Gen<T> gen, Action<T> property)
    {
        // The static one-shots cache a socket per thread: open them before counting.
        HashCore.HashData("sha1", 20, default, new byte[20]);
        var before = Fds.Count();
        Exception? failure = null;
        var runner = new Thread(() => failure = Record.Exception(() =>
            gen.Sample(property, iter: Settings.FuzzIterations, threads: 1, seed: Environment.GetEnvironmentVariable("TYPEDALG_FUZZ_SEED"))));
        runner.Start();
        Assert.True(runner.Join(Watchdog), $"a case did not finish within {Watchdog.TotalMinutes} minutes: the kernel (or the runtime) hangs");
        Assert.Null(failure);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        HashCore.HashData("sha1", 20, default, new byte[20]);
        Assert.Equal(before, Fds.Count());
    }

    /// <summary>Runs one call: success, or one of the exceptions the API documents (never a raw or unexpected one).</summary>
    private static void Documented(Action call)
    {
        try
        {
            call();
        }
        catch (Exception e) when (e is ArgumentException or KernelCryptoException or AuthenticationTagMismatchException
            or NotSupportedException or InvalidOperationException)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            if (e is KernelCryptoException k)
            {
                Assert.NotEqual(4, k.Errno); // EINTR is retried, never surfaced
            }
        }
    }

    private static byte[] EcbReference(byte[] key, byte[] data)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.EncryptEcb(data, PaddingMode.None);
    }
}
