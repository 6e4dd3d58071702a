using TypedAlg.Generator.Model;

namespace TypedAlg.Generator.Emit;

/// <summary>
/// Emits the members of a keyed hash class over <c>HashCore</c>: HMAC (any key length, a recommended
/// minimum) and CMAC (fixed key sizes, typed keys).
/// </summary>
internal static class KeyedHashEmitter
{
    public static void Emit(SourceWriter w, AlgorithmSpec spec)
    {
        var c = spec.ClassName;
        var typedKeys = spec.KeySizes.Count > 0;
        const string macParam = "[CryptoMaterial(CryptoMaterial.Mac)] in Mac expected";

        w.Line();
        w.Summary("The MAC length in bytes.");
        w.Line($"public const int MacSize = {SourceWriter.N(spec.DigestSize)};");
        if (spec.BlockSize > 0)
        {
            w.Line();
            w.Summary("The internal block size in bytes.");
            w.Line($"public const int BlockSize = {SourceWriter.N(spec.BlockSize)};");
        }

        if (!typedKeys)
        {
            w.Line();
            w.Summary("The recommended minimum key length in bytes; shorter keys work but are weaker (the analyzers flag them).");
            w.Line($"public const int MinimumKeySize = {SourceWriter.N(spec.MinimumKeySize)};");
        }

        ClassEmitter.EmitIsSupported(w, spec);
        w.Line();
        w.Line("private readonly HashCore _core;");

        if (typedKeys)
        {
            foreach (var size in spec.KeySizes)
            {
                var key = ClassEmitter.KeyTypeName(size);
                w.Line();
                w.Summary($"Sets up {c} with a {SourceWriter.N(size)}-byte key (the key is copied into the kernel).");
                w.Line("/// <param name=\"key\">The key.</param>");
                w.Line("/// <exception cref=\"KernelCryptoException\">The kernel does not serve the algorithm or refuses the key.</exception>");
                w.Line($"public {c}([CryptoMaterial(CryptoMaterial.Key)] in {key} key)");
                w.Line("    => _core = new HashCore(AlgorithmName, MacSize, key.AsSpan());");
            }
        }
        else
        {
            w.Line();
            w.Summary($"Sets up {c} with a key of any length (at least MinimumKeySize bytes recommended; the key is copied into the kernel).");
            w.Line("/// <param name=\"key\">The key.</param>");
            w.Line("/// <exception cref=\"KernelCryptoException\">The kernel does not serve the algorithm or refuses the key.</exception>");
            w.Line($"public {c}([CryptoMaterial(CryptoMaterial.Key)] {ClassEmitter.KeyByteLength(spec)} ReadOnlySpan<byte> key)");
            w.Line("    => _core = new HashCore(AlgorithmName, MacSize, key);");
        }

        w.Line();
        w.Line($"private {c}(HashCore core) => _core = core;");
        w.Line();
        w.Summary("Uses a key held in the kernel keyring; the key bytes never enter this process. Linux 6.2+.");
        w.Line("/// <param name=\"keySerial\">The key's serial number.</param>");
        w.Line($"public static {c} FromKeyring(int keySerial)");
        w.Line("    => new(HashCore.FromKeySerial(AlgorithmName, MacSize, keySerial));");

        // Static one-shot
        w.Line();
        w.Summary("Computes the MAC of <paramref name=\"data\"/> in one call (thread-safe).");
        w.Line("/// <remarks>Each call sets the key on a new kernel socket and keeps no copy of it (about 25 times slower");
        w.Line("/// than a reused instance under emulation): for many messages under one key, keep an instance.</remarks>");
        w.Line("/// <param name=\"key\">The key.</param>");
        w.Line("/// <param name=\"data\">The data to authenticate.</param>");
        w.Line("/// <returns>The MAC.</returns>");
        if (typedKeys)
            w.Line("/// <exception cref=\"ArgumentException\"><paramref name=\"key\"/> has a length the algorithm does not take.</exception>");
        w.Line($"public static Mac Compute([CryptoMaterial(CryptoMaterial.Key)] {ClassEmitter.KeyByteLength(spec)} ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)");
        w.Open();
        if (typedKeys)
        {
            var test = string.Join(" or ", spec.KeySizes.Select(SourceWriter.N));
            w.Line($"if (key.Length is not ({test}))");
            w.Line($"    throw new ArgumentException($\"{c} takes a key of {SourceWriter.List(spec.KeySizes.ToList())} bytes, not {{key.Length}}.\", nameof(key));");
        }

        w.Line("Span<byte> mac = stackalloc byte[MacSize];");
        w.Line("HashCore.MacData(AlgorithmName, MacSize, key, data, mac);");
        w.Line("return Mac.Create(mac);");
        w.Close();

        w.Line();
        w.Summary("Computes the MAC of <paramref name=\"data\"/> with this instance's key; do not call it in the middle of an Append sequence.");
        w.Line("/// <param name=\"data\">The data to authenticate.</param>");
        w.Line("/// <returns>The MAC.</returns>");
        w.Line("public Mac Compute(ReadOnlySpan<byte> data)");
        w.Open();
        w.Line("Span<byte> mac = stackalloc byte[MacSize];");
        w.Line("_core.HashData(data, mac);");
        w.Line("return Mac.Create(mac);");
        w.Close();

        w.Line();
        w.Summary("Checks <paramref name=\"expected\"/> against the MAC of <paramref name=\"data\"/> in constant time.");
        w.Line("/// <param name=\"data\">The data received.</param>");
        w.Line("/// <param name=\"expected\">The MAC received with it.</param>");
        w.Line("/// <returns>Whether the data is authentic.</returns>");
        w.Line("[AuthenticationResult]");
        w.Line($"public bool Verify(ReadOnlySpan<byte> data, {macParam}) => Compute(data).Equals(expected);");

        w.Line();
        w.Summary("Adds <paramref name=\"data\"/> to the running MAC.");
        w.Line("/// <param name=\"data\">The next piece of data.</param>");
        w.Line("public void Append(ReadOnlySpan<byte> data) => _core.Append(data);");

        w.Line();
        w.Summary("Finishes the running MAC and starts a new one with the same key.");
        w.Line("/// <returns>The MAC of everything appended since the last reset.</returns>");
        w.Line("public Mac GetMacAndReset()");
        w.Open();
        w.Line("Span<byte> mac = stackalloc byte[MacSize];");
        w.Line("_core.GetHashAndReset(mac);");
        w.Line("return Mac.Create(mac);");
        w.Close();

        w.Line();
        w.Summary("Copies the running state into an independent instance (the kernel clones the socket).");
        w.Line("/// <returns>A new instance to dispose as well.</returns>");
        w.Line($"public {c} Clone() => new(_core.Clone());");

        ClassEmitter.EmitDriver(w);
        ClassEmitter.EmitDispose(w);
        if (typedKeys)
            ClassEmitter.EmitKeys(w, spec);
        MaterialEmitter.Emit(w, c, "Mac", MaterialKind.Mac, spec.DigestSize, string.Empty);
    }
}
