using TypedAlg.Generator.Model;

namespace TypedAlg.Generator.Emit;

/// <summary>Emits the members of an skcipher class (CBC, CTR, XTS, ECB) over <c>SkcipherCore</c>.</summary>
internal static class SkcipherEmitter
{
    /// <summary>The name prefixes SkcipherCore streams (runtime/Cores/SkcipherCore.cs, ChainsAcrossRequests): keep both lists equal.</summary>
    private static readonly string[] s_chainingPrefixes = ["cbc(", "ctr(", "ecb(", "cbc-", "ctr-", "ecb-"];

    /// <summary>Whether the runtime can stream this algorithm (CreateEncryptor/CreateDecryptor); XTS, CTS and others cannot.</summary>
    internal static bool CanStream(string kernelName)
    {
        foreach (var prefix in s_chainingPrefixes)
        {
            if (kernelName.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void EmitDriverConstructor(SourceWriter w, AlgorithmSpec spec, BackendSpec backend, int size)
        => ClassEmitter.EmitDriverConstructor(w, spec.ClassName,
            $"Sets up {spec.ClassName} with a {SourceWriter.N(size)}-byte key, served by the driver chosen here (a driver name, or hardware only); always the kernel.",
            "/// <param name=\"key\">The key.</param>", $"[CryptoMaterial(CryptoMaterial.Key)] in {ClassEmitter.KeyTypeName(size)} key",
            "new SkcipherCore(AlgorithmName, key.AsSpan(), IvSize, BlockSize, driver)", backend);

    public static void Emit(SourceWriter w, AlgorithmSpec spec, BackendSpec backend)
    {
        var c = spec.ClassName;
        var hasIv = spec.IvSize > 0;
        // CBC/ECB cannot take a partial block; the analyzers check constant lengths against this.
        var blockMultiple = spec.WholeBlocks ? $"[BlockMultiple({SourceWriter.N(spec.BlockSize)})] " : string.Empty;
        var ivParam = hasIv ? "[CryptoMaterial(CryptoMaterial.Iv)] in Iv iv, " : string.Empty;
        var ivArg = hasIv ? "iv.AsSpan()" : "default";
        var ivDoc = hasIv ? "/// <param name=\"iv\">The initialization vector.</param>" : null;
        var pin = ClassEmitter.PinArgument(spec);
        var lengthRule = spec.WholeBlocks ? $"a multiple of {SourceWriter.N(spec.BlockSize)} bytes" : "any length the mode allows";

        w.Line();
        w.Summary("The block size in bytes (1 for stream modes).");
        w.Line($"public const int BlockSize = {SourceWriter.N(spec.BlockSize)};");
        w.Line();
        w.Summary(hasIv ? "The IV length in bytes." : "The IV length in bytes: this mode takes no IV.");
        w.Line($"public const int IvSize = {SourceWriter.N(spec.IvSize)};");
        ClassEmitter.EmitIsSupported(w, spec, backend);
        BackendEmitter.EmitMembers(w, spec, backend);

        foreach (var size in spec.KeySizes)
        {
            var key = ClassEmitter.KeyTypeName(size);
            if (backend.ManagedCapable)
            {
                BackendEmitter.EmitConstructors(w, c, $"Sets up {c} with a {SourceWriter.N(size)}-byte key (the key is copied into the kernel or the BCL object).",
                    ["/// <param name=\"key\">The key.</param>"], $"[CryptoMaterial(CryptoMaterial.Key)] in {key} key", "key",
                    "ManagedBackends.OpenSkcipher(AlgorithmName, key.AsSpan(), IvSize, BlockSize, backendPolicy, out var backend)");
                EmitDriverConstructor(w, spec, backend, size);
                continue;
            }

            w.Line();
            w.Summary($"Sets up {c} with a {SourceWriter.N(size)}-byte key (the key is copied into the kernel).");
            w.Line("/// <param name=\"key\">The key.</param>");
            w.Line("/// <exception cref=\"KernelCryptoException\">The kernel does not serve the algorithm or refuses the key.</exception>");
            w.Line($"public {c}([CryptoMaterial(CryptoMaterial.Key)] in {key} key)");
            w.Line($"    => _core = new SkcipherCore(AlgorithmName, key.AsSpan(), IvSize, BlockSize{pin});");
            EmitDriverConstructor(w, spec, backend, size);
        }

        BackendEmitter.EmitWrappingConstructor(w, spec, backend);

        w.Line();
        w.Summary("Uses a key held in the kernel keyring (user, logon, encrypted or trusted key); the key bytes never enter this process. Linux 6.2+.");
        w.Line("/// <param name=\"keySerial\">The key's serial number.</param>");
        w.Line($"public static {c} FromKeyring(int keySerial)");
        w.Line($"    => {BackendEmitter.FromKeyring($"SkcipherCore.FromKeySerial(AlgorithmName, keySerial, IvSize, BlockSize{pin})", backend)};");
        w.Line();
        w.Summary("Uses a key held in the kernel keyring, served by the driver chosen here. Linux 6.2+.");
        w.Line("/// <param name=\"keySerial\">The key's serial number.</param>");
        ClassEmitter.DriverParameterDoc(w);
        w.Line($"public static {c} FromKeyring(int keySerial, DriverSelection driver)");
        w.Line($"    => {BackendEmitter.FromKeyring("SkcipherCore.FromKeySerial(AlgorithmName, keySerial, IvSize, BlockSize, driver)", backend)};");

        // Span one-shots
        w.Line();
        w.Summary($"Encrypts <paramref name=\"plaintext\"/> ({lengthRule}) into <paramref name=\"ciphertext\"/>.");
        if (ivDoc is not null) w.Line(ivDoc);
        w.Line("/// <param name=\"plaintext\">The data to encrypt.</param>");
        w.Line("/// <param name=\"ciphertext\">Receives as many bytes as the plaintext has; may be the same memory.</param>");
        w.Line($"public void Encrypt({ivParam}[CryptoMaterial(CryptoMaterial.Plaintext)] {blockMultiple}ReadOnlySpan<byte> plaintext,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Ciphertext)] [MinimumLengthFrom(\"plaintext\")] Span<byte> ciphertext)");
        w.Line($"    => _core.Encrypt({ivArg}, plaintext, ciphertext);");

        w.Line();
        w.Summary($"Decrypts <paramref name=\"ciphertext\"/> ({lengthRule}) into <paramref name=\"plaintext\"/>.");
        if (ivDoc is not null) w.Line(ivDoc);
        w.Line("/// <param name=\"ciphertext\">The data to decrypt.</param>");
        w.Line("/// <param name=\"plaintext\">Receives as many bytes as the ciphertext has; may be the same memory.</param>");
        w.Line($"public void Decrypt({ivParam}[CryptoMaterial(CryptoMaterial.Ciphertext)] {blockMultiple}ReadOnlySpan<byte> ciphertext,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Plaintext)] [MinimumLengthFrom(\"ciphertext\")] Span<byte> plaintext)");
        w.Line($"    => _core.Decrypt({ivArg}, ciphertext, plaintext);");

        // Array conveniences
        w.Line();
        w.Summary("Encrypts into a new array of the same length.");
        if (ivDoc is not null) w.Line(ivDoc);
        w.Line("/// <param name=\"plaintext\">The data to encrypt.</param>");
        w.Line("/// <returns>The ciphertext.</returns>");
        w.Line($"public byte[] Encrypt({ivParam}[CryptoMaterial(CryptoMaterial.Plaintext)] {blockMultiple}ReadOnlySpan<byte> plaintext)");
        w.Open();
        w.Line("var ciphertext = new byte[plaintext.Length];");
        w.Line($"_core.Encrypt({ivArg}, plaintext, ciphertext);");
        w.Line("return ciphertext;");
        w.Close();

        w.Line();
        w.Summary("Decrypts into a new array of the same length.");
        if (ivDoc is not null) w.Line(ivDoc);
        w.Line("/// <param name=\"ciphertext\">The data to decrypt.</param>");
        w.Line("/// <returns>The plaintext.</returns>");
        w.Line($"public byte[] Decrypt({ivParam}[CryptoMaterial(CryptoMaterial.Ciphertext)] {blockMultiple}ReadOnlySpan<byte> ciphertext)");
        w.Open();
        w.Line("var plaintext = new byte[ciphertext.Length];");
        w.Line($"_core.Decrypt({ivArg}, ciphertext, plaintext);");
        w.Line("return plaintext;");
        w.Close();

        // Streaming: only for modes whose kernel implementation carries the IV from one request to the next
        // (SkcipherCore refuses the others at run time, so a generated CreateEncryptor there could only throw).
        if (CanStream(spec.KernelName))
        {
            var ivOnly = hasIv ? "[CryptoMaterial(CryptoMaterial.Iv)] in Iv iv" : string.Empty;
            // Managed-capable classes return the interface both streams implement (kernel SkcipherStream or managed).
            var streamType = backend.ManagedCapable ? "ISkcipherStream" : "SkcipherStream";
            w.Line();
            w.Summary("Starts an encryption whose data arrives in pieces; the kernel chains the IV across them. Dispose the result.");
            if (ivDoc is not null) w.Line(ivDoc);
            w.Line($"public {streamType} CreateEncryptor({ivOnly}) => _core.CreateEncryptor({ivArg});");
            w.Line();
            w.Summary("Starts a decryption whose data arrives in pieces; the kernel chains the IV across them. Dispose the result.");
            if (ivDoc is not null) w.Line(ivDoc);
            w.Line($"public {streamType} CreateDecryptor({ivOnly}) => _core.CreateDecryptor({ivArg});");
        }

        ClassEmitter.EmitDriver(w);
        if (spec.WholeBlocks && spec.BlockSize > 1)
            SkcipherDotNetEmitter.EmitPkcs7(w, spec);
        if (CanStream(spec.KernelName))
            SkcipherDotNetEmitter.EmitTransforms(w, spec);

        ClassEmitter.EmitDispose(w);
        ClassEmitter.EmitKeys(w, spec);
        if (hasIv)
            MaterialEmitter.Emit(w, c, "Iv", MaterialKind.Iv, spec.IvSize, string.Empty);
    }
}
