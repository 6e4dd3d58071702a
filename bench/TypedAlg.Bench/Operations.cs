using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TypedAlg.Runtime;

namespace TypedAlg.Bench;

/// <summary>
/// One (implementation, operation, size) cell: buffers and handles are made once, <see cref="Run"/> is one operation.
/// Buffers are page-aligned native memory, as in kcapi-bench, so the zero-copy paths see the same pages.
/// </summary>
internal abstract unsafe class Operation : IDisposable
{
    private readonly byte* _in;
    private readonly byte* _out;

    protected Operation(int size)
    {
        Size = size;
        // Room for a tag after the data (GCM decrypt input) and never a zero-byte allocation.
        var bytes = (nuint)size + 4096;
        _in = (byte*)NativeMemory.AlignedAlloc(bytes, 4096);
        _out = (byte*)NativeMemory.AlignedAlloc(bytes, 4096);
        new Span<byte>(_in, (int)bytes).Fill(0x5a);
        new Span<byte>(_out, (int)bytes).Fill(0x5a);
    }

    public int Size { get; }

    protected Span<byte> Input => new(_in, Size);

    protected Span<byte> Output => new(_out, Size);

    /// <summary>The input followed by 16 more bytes (ciphertext || tag, as kcapi-bench's GCM input).</summary>
    protected Span<byte> InputAndTag => new(_in, Size + 16);

    /// <summary>The output followed by 16 more bytes (ciphertext || tag, as kcapi-bench's GCM output).</summary>
    protected Span<byte> OutputAndTag => new(_out, Size + 16);

    /// <summary>Where digests go (the data sizes start below a digest's length).</summary>
    protected Span<byte> Digest => new(_out, 64);

    public abstract void Run();

    public virtual void Dispose()
    {
        NativeMemory.AlignedFree(_in);
        NativeMemory.AlignedFree(_out);
    }
}

internal static class Operations
{
    internal static readonly byte[] Key16 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
    internal static readonly byte[] Key32 = [7, .. new byte[31]];
    internal static readonly byte[] Iv16 = [9, .. new byte[15]];

    /// <summary>
    /// The operations, plus TypedAlg-only variants for tuning the runtime: "@sendmsg"/"@splice" force the
    /// zero-copy mode, "@stream16k"/"@stream64k" feed an encryptor in pieces of that size, "hmac-sha256@no-reuse" opens a
    /// socket per call (the static HmacSha256.Compute), "sha256@instance" uses Append + GetHashAndReset.
    /// </summary>
    public static bool Has(string impl, string op) => impl == "typedalg" || !op.Contains('@');

    public static Operation Create(string impl, string op, int size)
    {
        var parts = op.Split('@');
        var variant = parts.Length > 1 ? parts[1] : "";
        if (impl == "dotnet")
        {
            return parts[0] switch
            {
                "sha256" => new Lambda(size, (i, _, d) => SHA256.HashData(i, d)),
                "hmac-sha256" => new Lambda(size, (i, _, d) => HMACSHA256.HashData(Key32, i, d)),
                "cbc-aes128-enc" => new DotnetCbc(size),
                "gcm-aes128-enc" => new DotnetGcm(size, decrypt: false),
                "gcm-aes128-dec" => new DotnetGcm(size, decrypt: true),
                "drbg-nopr-sha256" => new Lambda(size, (_, o, _) => RandomNumberGenerator.Fill(o)),
                _ => throw new ArgumentException($"unknown op '{op}'"),
            };
        }

        if (impl != "typedalg")
        {
            throw new ArgumentException($"unknown impl '{impl}'");
        }

        // Instances read the process-wide default when they are created.
        TypedAlgOptions.ZeroCopy = variant switch
        {
            "sendmsg" => ZeroCopyMode.Never,
            "splice" => ZeroCopyMode.Always,
            _ => ZeroCopyMode.Auto,
        };
        try
        {
            return (parts[0], variant) switch
            {
                ("sha256", "instance") => new TypedSha256Instance(size),
                ("sha256", "") => new Lambda(size, (i, _, _) => Sha256.Hash(i)),
                ("hmac-sha256", "no-reuse") => new Lambda(size, (i, _, _) => HmacSha256.Compute(Key32, i)),
                ("hmac-sha256", _) => new TypedHmac(size),
                ("cbc-aes128-enc", "stream16k") => new TypedCbcStream(size, 16 * 1024),
                ("cbc-aes128-enc", "stream64k") => new TypedCbcStream(size, 64 * 1024),
                // "@driver=NAME": the same class bound to one driver (issue 17: virtio_crypto_aes_cbc beside cbc-aes-aesni).
                ("cbc-aes128-enc", _) when variant.StartsWith("driver=", StringComparison.Ordinal)
                    => new TypedCbc(size, DriverSelection.Named(variant["driver=".Length..])),
                ("cbc-aes128-enc", _) => new TypedCbc(size, DriverSelection.Any),
                ("gcm-aes128-enc", "") => new TypedGcm(size, decrypt: false),
                ("gcm-aes128-dec", "") => new TypedGcm(size, decrypt: true),
                ("gcm-aes128-enc", "combined") => new CoreGcmCombined(size, decrypt: false),
                ("gcm-aes128-dec", "combined") => new CoreGcmCombined(size, decrypt: true),
                ("drbg-nopr-sha256", "") => new TypedDrbg(size),
                _ => throw new ArgumentException($"unknown op '{op}'"),
            };
        }
        finally
        {
            TypedAlgOptions.ZeroCopy = ZeroCopyMode.Auto;
        }
    }

    private sealed class Lambda(int size, SpanAction body) : Operation(size)
    {
        public override void Run() => body(Input, Output, Digest);
    }

    private delegate void SpanAction(ReadOnlySpan<byte> input, Span<byte> output, Span<byte> digest);

    private sealed class TypedSha256Instance(int size) : Operation(size)
    {
        private readonly Sha256 _hash = new();

        public override void Run()
        {
            _hash.Append(Input);
            _ = _hash.GetHashAndReset();
        }

        public override void Dispose()
        {
            _hash.Dispose();
            base.Dispose();
        }
    }

    private sealed class TypedHmac(int size) : Operation(size)
    {
        private readonly HmacSha256 _mac = new(Key32);

        public override void Run() => _ = _mac.Compute(Input);

        public override void Dispose()
        {
            _mac.Dispose();
            base.Dispose();
        }
    }

    private sealed class TypedCbc(int size, DriverSelection driver) : Operation(size)
    {
        private readonly CbcAes _cbc = new(CbcAes.Key128.Create(Key16), driver);
        private readonly CbcAes.Iv _iv = CbcAes.Iv.Create(Iv16);

        public override void Run() => _cbc.Encrypt(_iv, Input, Output);

        public override void Dispose()
        {
            _cbc.Dispose();
            base.Dispose();
        }
    }

    private sealed class TypedCbcStream(int size, int piece) : Operation(size)
    {
        private readonly CbcAes _cbc = new(CbcAes.Key128.Create(Key16));
        private readonly CbcAes.Iv _iv = CbcAes.Iv.Create(Iv16);

        public override void Run()
        {
            // A stream is a new op socket (accept) per message: part of what this variant measures.
            using var s = _cbc.CreateEncryptor(_iv);
            ReadOnlySpan<byte> input = Input;
            var output = Output;
            var done = 0;
            while (Size - done > piece)
            {
                done += s.Update(input.Slice(done, piece), output[done..]);
            }

            s.Finish(input[done..], output[done..]);
        }

        public override void Dispose()
        {
            _cbc.Dispose();
            base.Dispose();
        }
    }

    private sealed class TypedGcm : Operation
    {
        private readonly GcmAes _gcm = new(GcmAes.Key128.Create(Key16));
        private readonly GcmAes.Nonce _nonce = GcmAes.Nonce.Create(Iv16.AsSpan(0, GcmAes.Nonce.Size));
        private readonly bool _decrypt;
        private GcmAes.Tag _tag;

        public TypedGcm(int size, bool decrypt)
            : base(size)
        {
            _decrypt = decrypt;
            if (decrypt)
            {
                // Decrypt a real ciphertext so that the tag check passes.
                _gcm.Encrypt(_nonce, Output, Input, out _tag);
            }
        }

        public override void Run()
        {
            if (_decrypt)
            {
                _gcm.Decrypt(_nonce, Input, _tag, Output);
            }
            else
            {
                _gcm.Encrypt(_nonce, Input, Output, out _tag);
            }
        }

        public override void Dispose()
        {
            _gcm.Dispose();
            base.Dispose();
        }
    }

    /// <summary>
    /// "@combined": the runtime's AeadCore with ciphertext || tag as one buffer, libkcapi's layout (and what the generated
    /// SealInto and TryOpen pass). Set beside the detached typed API (tag in a Tag value), it shows what the separate tag
    /// costs: a copy through the gather page up to 4 KiB, a second output range above.
    /// </summary>
    private sealed class CoreGcmCombined : Operation
    {
        private readonly AeadCore _gcm = new("gcm(aes)", Key16, 12, 16);
        private readonly bool _decrypt;

        public CoreGcmCombined(int size, bool decrypt)
            : base(size)
        {
            _decrypt = decrypt;
            if (decrypt)
            {
                // Decrypt a real ciphertext || tag so that the tag check passes.
                _gcm.Encrypt(Iv16.AsSpan(0, 12), Output, InputAndTag[..size], InputAndTag[size..]);
            }
        }

        public override void Run()
        {
            if (_decrypt)
            {
                _gcm.Decrypt(Iv16.AsSpan(0, 12), InputAndTag[..Size], InputAndTag[Size..], Output);
            }
            else
            {
                _gcm.Encrypt(Iv16.AsSpan(0, 12), Input, OutputAndTag[..Size], OutputAndTag[Size..]);
            }
        }

        public override void Dispose()
        {
            _gcm.Dispose();
            base.Dispose();
        }
    }

    private sealed class TypedDrbg(int size) : Operation(size)
    {
        private readonly DrbgNoprSha256 _rng = new();

        public override void Run() => _rng.Fill(Output);

        public override void Dispose()
        {
            _rng.Dispose();
            base.Dispose();
        }
    }

    private sealed class DotnetCbc(int size) : Operation(size)
    {
        private readonly Aes _aes = CreateAes();

        public override void Run() => _aes.EncryptCbc(Input, Iv16, Output, PaddingMode.None);

        public override void Dispose()
        {
            _aes.Dispose();
            base.Dispose();
        }

        private static Aes CreateAes()
        {
            var aes = Aes.Create();
            aes.Key = Key16;
            return aes;
        }
    }

    private sealed class DotnetGcm : Operation
    {
        private readonly AesGcm _gcm = new(Key16, 16);
        private readonly byte[] _nonce = Iv16[..12];
        private readonly byte[] _tag = new byte[16];
        private readonly bool _decrypt;

        public DotnetGcm(int size, bool decrypt)
            : base(size)
        {
            _decrypt = decrypt;
            if (decrypt)
            {
                _gcm.Encrypt(_nonce, Output, Input, _tag);
            }
        }

        public override void Run()
        {
            if (_decrypt)
            {
                _gcm.Decrypt(_nonce, Input, _tag, Output);
            }
            else
            {
                _gcm.Encrypt(_nonce, Input, Output, _tag);
            }
        }

        public override void Dispose()
        {
            _gcm.Dispose();
            base.Dispose();
        }
    }
}
