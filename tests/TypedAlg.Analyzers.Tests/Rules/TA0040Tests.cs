using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = TypedAlg.Analyzers.Tests.Verify<TypedAlg.Analyzers.PasswordAsKeyAnalyzer>;

namespace TypedAlg.Analyzers.Tests.Rules;

public sealed class TA0040Tests
{
    [Fact]
    public Task PasswordBytesAsKey() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(string password)
            {
                var k = GcmAes.Key128.Create({|#0:Encoding.UTF8.GetBytes(password)|});
                var bytes = Encoding.ASCII.GetBytes(password);
                using var h = new HmacSha256({|TA0040:bytes|});
            }
        }
        """,
        VerifyCS.Diagnostic("TA0040").WithLocation(0).WithArguments("GcmAes.Key128.Create"));

    [Fact]
    public Task NearMisses() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(string password, byte[] salt)
            {
                var derived = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 16);
                var k = GcmAes.Key128.Create(derived);
                var literal = GcmAes.Key128.Create(Encoding.UTF8.GetBytes("0123456789abcdef"));
                var n = GcmAes.Nonce.Create(Encoding.UTF8.GetBytes(password));
            }
        }
        """);

    // Issue 14 finding 13: a fast hash of a password is not a key derivation function.
    [Fact]
    public Task BclFastHashOfPassword() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(string password)
            {
                var a = GcmAes.Key256.Create({|#0:SHA256.HashData(Encoding.UTF8.GetBytes(password))|});
                var digest = SHA512.HashData(Encoding.UTF8.GetBytes(password));
                var b = GcmAes.Key256.Create({|TA0040:digest.AsSpan(0, 32)|});
                var c = GcmAes.Key128.Create({|TA0040:MD5.HashData(Encoding.UTF8.GetBytes(password))|});
                var d = GcmAes.Key256.Create({|TA0040:SHA3_256.HashData(Encoding.UTF8.GetBytes(password).AsSpan())|});
                using var sha = SHA256.Create();
                var e = GcmAes.Key256.Create({|TA0040:sha.ComputeHash(Encoding.UTF8.GetBytes(password))|});
                var pw = Encoding.UTF8.GetBytes(password);
                var f = GcmAes.Key256.Create({|TA0040:CryptographicOperations.HashData(HashAlgorithmName.SHA256, pw)|});
                Span<byte> buffer = stackalloc byte[32];
                SHA256.HashData(pw, buffer);
                var g = GcmAes.Key256.Create({|TA0040:buffer|});
                var twice = SHA256.HashData(SHA256.HashData(pw));
                using var h = new HmacSha256({|TA0040:twice|});
            }
        }
        """,
        VerifyCS.Diagnostic("TA0040").WithLocation(0).WithArguments("GcmAes.Key256.Create"));

    [Fact]
    public Task IncrementalHashOfPassword() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(string password, byte[] salt)
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                hash.AppendData(salt);
                hash.AppendData(Encoding.UTF8.GetBytes(password));
                var a = GcmAes.Key256.Create({|TA0040:hash.GetHashAndReset()|});
            }
        }
        """);

    [Fact]
    public Task TypedAlgHashOfPassword() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(string password)
            {
                var a = GcmAes.Key256.Create({|TA0040:Sha256.Hash(Encoding.UTF8.GetBytes(password)).AsSpan()|});
                var digest = Sha256.Hash(Encoding.UTF8.GetBytes(password));
                var b = GcmAes.Key256.Create({|TA0040:digest.AsSpan()|});
                using var sha = new Sha256();
                sha.Append(Encoding.UTF8.GetBytes(password));
                var d2 = sha.GetHashAndReset();
                using var h = new HmacSha256({|TA0040:d2.AsSpan()|});
                var c = GcmAes.Key128.Create({|TA0040:Md5.Hash(Encoding.UTF8.GetBytes(password)).AsSpan()|});
            }
        }
        """);

    [Fact]
    public Task HkdfOfPassword() => VerifyCS.AnalyzeAsync("""
        class C
        {
            void M(string password, byte[] salt)
            {
                var a = GcmAes.Key256.Create({|TA0040:HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(password), 32, salt)|});
            }
        }
        """);

    [Fact]
    public Task KdfsAndRealKeysStayClean() => VerifyCS.AnalyzeAsync("""
        static class Argon2id
        {
            public static byte[] Hash(byte[] password, byte[] salt, int length) => new byte[length];
            public static byte[] DeriveKey(byte[] password, byte[] salt, int length) => new byte[length];
        }

        class C
        {
            void M(string password, byte[] salt, byte[] master, byte[] data)
            {
                var p = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
                var a = GcmAes.Key256.Create(p);
                var b = GcmAes.Key256.Create(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, 600_000, HashAlgorithmName.SHA256, 32));
                var c = GcmAes.Key256.Create(Argon2id.Hash(Encoding.UTF8.GetBytes(password), salt, 32));
                var d = GcmAes.Key256.Create(Argon2id.DeriveKey(Encoding.UTF8.GetBytes(password), salt, 32));
                var e = GcmAes.Key256.Create(HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt));
                var f = GcmAes.Key256.Create(SHA256.HashData(master));
                var g = GcmAes.Key256.Create(RandomNumberGenerator.GetBytes(32));
                var r = GcmAes.Key256.Create(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));
                // A keyed MAC of a password under a real key is not a fast hash of the password alone.
                var m = GcmAes.Key256.Create(HMACSHA256.HashData(master, Encoding.UTF8.GetBytes(password)));
                using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, master);
                hmac.AppendData(Encoding.UTF8.GetBytes(password));
                var n = GcmAes.Key256.Create(hmac.GetHashAndReset());
                // A digest of a password that is not used as a key (a nonce is TA0040's business only as a key).
                var nonce = GcmAes.Nonce.Create(SHA256.HashData(Encoding.UTF8.GetBytes(password)).AsSpan(0, 12));
                using var sha = SHA256.Create();
                var s = GcmAes.Key256.Create(sha.ComputeHash(master));
                using var inc = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                inc.AppendData(data);
                var t = GcmAes.Key256.Create(inc.GetHashAndReset());
            }
        }
        """);
}
