using TypedAlg.Generator.Model;
using TypedAlg.Runtime.Kernel;

namespace TypedAlg.Generator.Emit;

/// <summary>Emits the members of an AEAD class (GCM, CCM, ChaCha20-Poly1305) over <c>AeadCore</c>.</summary>
internal static class AeadEmitter
{
    private static void EmitDriverConstructor(SourceWriter w, AlgorithmSpec spec, BackendSpec backend, int size, string ivSize)
        => ClassEmitter.EmitDriverConstructor(w, spec.ClassName,
            $"Sets up {spec.ClassName} with a {SourceWriter.N(size)}-byte key, served by the driver chosen here (a driver name, or hardware only); always the kernel.",
            "/// <param name=\"key\">The key.</param>", $"[CryptoMaterial(CryptoMaterial.Key)] in {ClassEmitter.KeyTypeName(size)} key",
            $"new AeadCore(AlgorithmName, key.AsSpan(), {ivSize}, TagSize, driver)", backend);

    public static void Emit(SourceWriter w, AlgorithmSpec spec, BackendSpec backend)
    {
        var c = spec.ClassName;
        var ccm = spec.NonceEncoding == NonceEncoding.Ccm;
        var nonceArg = ccm ? "iv" : "nonce.AsSpan()";

        w.Line();
        w.Summary("The nonce length in bytes.");
        w.Line($"public const int NonceSize = {SourceWriter.N(spec.NonceSize)};");
        w.Line();
        w.Summary("The tag length in bytes (another tag length is another manifest entry).");
        w.Line($"public const int TagSize = {SourceWriter.N(spec.TagSize)};");
        if (ccm)
        {
            w.Line();
            w.Line("// ccm(aes) takes a 16-byte counter block as its IV, built from the nonce by ToKernelIv.");
            w.Line($"private const int KernelIvSize = {KernelFacts.CcmCounterBlockSize};");
        }

        ClassEmitter.EmitIsSupported(w, spec, backend);
        BackendEmitter.EmitMembers(w, spec, backend);

        var ivSize = ccm ? "KernelIvSize" : "NonceSize";
        var pin = ClassEmitter.PinArgument(spec);
        foreach (var size in spec.KeySizes)
        {
            var key = ClassEmitter.KeyTypeName(size);
            if (backend.ManagedCapable)
            {
                BackendEmitter.EmitConstructors(w, c, $"Sets up {c} with a {SourceWriter.N(size)}-byte key (the key is copied into the kernel or the BCL object).",
                    ["/// <param name=\"key\">The key.</param>"], $"[CryptoMaterial(CryptoMaterial.Key)] in {key} key", "key",
                    $"ManagedBackends.OpenAead(AlgorithmName, key.AsSpan(), {ivSize}, TagSize, backendPolicy, out var backend)");
                EmitDriverConstructor(w, spec, backend, size, ivSize);
                continue;
            }

            w.Line();
            w.Summary($"Sets up {c} with a {SourceWriter.N(size)}-byte key (the key is copied into the kernel).");
            w.Line("/// <param name=\"key\">The key.</param>");
            w.Line("/// <exception cref=\"KernelCryptoException\">The kernel does not serve the algorithm or refuses the key.</exception>");
            w.Line($"public {c}([CryptoMaterial(CryptoMaterial.Key)] in {key} key)");
            w.Line($"    => _core = new AeadCore(AlgorithmName, key.AsSpan(), {ivSize}, TagSize{pin});");
            EmitDriverConstructor(w, spec, backend, size, ivSize);
        }

        BackendEmitter.EmitWrappingConstructor(w, spec, backend);
        w.Line();
        w.Summary("Uses a key held in the kernel keyring; the key bytes never enter this process. Linux 6.2+.");
        w.Line("/// <param name=\"keySerial\">The key's serial number.</param>");
        w.Line($"public static {c} FromKeyring(int keySerial)");
        w.Line($"    => {BackendEmitter.FromKeyring($"AeadCore.FromKeySerial(AlgorithmName, keySerial, {ivSize}, TagSize{pin})", backend)};");
        w.Line();
        w.Summary("Uses a key held in the kernel keyring, served by the driver chosen here. Linux 6.2+.");
        w.Line("/// <param name=\"keySerial\">The key's serial number.</param>");
        ClassEmitter.DriverParameterDoc(w);
        w.Line($"public static {c} FromKeyring(int keySerial, DriverSelection driver)");
        w.Line($"    => {BackendEmitter.FromKeyring($"AeadCore.FromKeySerial(AlgorithmName, keySerial, {ivSize}, TagSize, driver)", backend)};");

        const string nonceParam = "[CryptoMaterial(CryptoMaterial.Nonce)] in Nonce nonce";
        const string aadParam = "[CryptoMaterial(CryptoMaterial.AssociatedData)] ReadOnlySpan<byte> associatedData = default";
        const string nonceDoc = "/// <param name=\"nonce\">The nonce; never reuse one under the same key.</param>";
        const string aadDoc = "/// <param name=\"associatedData\">Data authenticated but not encrypted.</param>";

        // Encrypt
        w.Line();
        w.Summary("Encrypts and authenticates <paramref name=\"plaintext\"/>.");
        w.Line("/// <remarks>");
        w.Line("/// One message is one kernel request, so its size is bounded by the socket buffers: associated data + text + tag");
        w.Line("/// may be about 412 KiB with default sysctls (the runtime raises the buffers up to net.core.wmem_max and rmem_max once");
        w.Line("/// when a message needs it). A longer message is refused with <see cref=\"ArgumentException\"/> before any data is sent:");
        w.Line("/// split the data into several messages, each with its own nonce.");
        w.Line("/// </remarks>");
        w.Line(nonceDoc);
        w.Line("/// <param name=\"plaintext\">The data to encrypt.</param>");
        w.Line("/// <param name=\"ciphertext\">Receives as many bytes as the plaintext has.</param>");
        w.Line("/// <param name=\"tag\">Receives the authentication tag.</param>");
        w.Line(aadDoc);
        w.Line("/// <exception cref=\"ArgumentException\">The message does not fit one kernel request (see remarks).</exception>");
        w.Line($"public void Encrypt({nonceParam},");
        w.Line("    [CryptoMaterial(CryptoMaterial.Plaintext)] ReadOnlySpan<byte> plaintext,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Ciphertext)] [MinimumLengthFrom(\"plaintext\")] Span<byte> ciphertext,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Tag)] out Tag tag,");
        w.Line($"    {aadParam})");
        w.Open();
        EmitKernelIv(w, ccm);
        w.Line("// The core writes the tag straight into the result (a Tag is exactly its bytes).");
        w.Line("tag = default;");
        w.Line($"_core.Encrypt({nonceArg}, plaintext, ciphertext, MemoryMarshal.AsBytes(new Span<Tag>(ref tag)), associatedData);");
        w.Close();

        // Decrypt
        w.Line();
        w.Summary("Checks the tag and decrypts <paramref name=\"ciphertext\"/>.");
        w.Line(nonceDoc);
        w.Line("/// <param name=\"ciphertext\">The data to decrypt.</param>");
        w.Line("/// <param name=\"tag\">The tag produced by encryption.</param>");
        w.Line("/// <param name=\"plaintext\">Receives as many bytes as the ciphertext has; cleared when the tag does not match.</param>");
        w.Line(aadDoc);
        w.Line("/// <exception cref=\"AuthenticationTagMismatchException\">The data or tag was changed, or the key, nonce or associated data differ.</exception>");
        w.Line($"public void Decrypt({nonceParam},");
        w.Line("    [CryptoMaterial(CryptoMaterial.Ciphertext)] ReadOnlySpan<byte> ciphertext,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Tag)] in Tag tag,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Plaintext)] [MinimumLengthFrom(\"ciphertext\")] Span<byte> plaintext,");
        w.Line($"    {aadParam})");
        w.Open();
        EmitKernelIv(w, ccm);
        w.Line($"_core.Decrypt({nonceArg}, ciphertext, tag.AsSpan(), plaintext, associatedData);");
        w.Close();

        // TryDecrypt
        w.Line();
        w.Summary("Like Decrypt, but returns false instead of throwing when the tag does not match (the plaintext is then cleared).");
        w.Line(nonceDoc);
        w.Line("/// <param name=\"ciphertext\">The data to decrypt.</param>");
        w.Line("/// <param name=\"tag\">The tag produced by encryption.</param>");
        w.Line("/// <param name=\"plaintext\">Receives as many bytes as the ciphertext has.</param>");
        w.Line(aadDoc);
        w.Line("/// <returns>Whether the data is authentic; never use the plaintext after false.</returns>");
        w.Line("[AuthenticationResult]");
        w.Line($"public bool TryDecrypt({nonceParam},");
        w.Line("    [CryptoMaterial(CryptoMaterial.Ciphertext)] ReadOnlySpan<byte> ciphertext,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Tag)] in Tag tag,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Plaintext)] [MinimumLengthFrom(\"ciphertext\")] Span<byte> plaintext,");
        w.Line($"    {aadParam})");
        w.Open();
        EmitKernelIv(w, ccm);
        w.Line($"return _core.TryDecrypt({nonceArg}, ciphertext, tag.AsSpan(), plaintext, associatedData);");
        w.Close();

        // Seal / Open
        w.Line();
        w.Summary("Encrypts with a fresh random nonce and returns nonce || ciphertext || tag, ready to store or send.");
        w.Line("/// <remarks>");
        w.Line("/// One message is one kernel request, so its size is bounded by the socket buffers: associated data + text + tag");
        w.Line("/// may be about 412 KiB with default sysctls (the runtime raises the buffers up to net.core.wmem_max and rmem_max once");
        w.Line("/// when a message needs it). A longer message is refused with <see cref=\"ArgumentException\"/> before any data is sent:");
        w.Line("/// split the data into several messages, each with its own nonce.");
        w.Line("/// <para>");
        if (spec.NonceSize == 12)
        {
            w.Line("/// Random 96-bit nonces may repeat, and a repeated nonce breaks confidentiality and authenticity under that key:");
            w.Line("/// NIST SP 800-38D (8.3) allows at most 2^32 messages per key with random nonces. Seal no more than that under one key.");
        }
        else
        {
            w.Line($"/// Random {SourceWriter.N(spec.NonceSize * 8)}-bit nonces may repeat, and a repeated nonce breaks this mode under that key:");
            w.Line($"/// keep the number of messages sealed under one key far below 2^{SourceWriter.N(spec.NonceSize * 4)}.");
        }
        w.Line("/// </para>");
        w.Line("/// </remarks>");
        w.Line("/// <param name=\"plaintext\">The data to encrypt.</param>");
        w.Line(aadDoc);
        w.Line("/// <returns>NonceSize + plaintext length + TagSize bytes.</returns>");
        w.Line("/// <exception cref=\"ArgumentException\">The message does not fit one kernel request (see remarks).</exception>");
        w.Line("public byte[] Seal([CryptoMaterial(CryptoMaterial.Plaintext)] ReadOnlySpan<byte> plaintext,");
        w.Line($"    {aadParam})");
        w.Open();
        w.Line("var nonce = Nonce.Random();");
        w.Line("var result = new byte[NonceSize + plaintext.Length + TagSize];");
        w.Line("nonce.AsSpan().CopyTo(result);");
        w.Line("Encrypt(nonce, plaintext, result.AsSpan(NonceSize, plaintext.Length), out var tag, associatedData);");
        w.Line("tag.AsSpan().CopyTo(result.AsSpan(NonceSize + plaintext.Length));");
        w.Line("return result;");
        w.Close();

        w.Line();
        w.Summary($"Opens the output of <see cref=\"Seal\"/>.");
        w.Line("/// <param name=\"sealedData\">nonce || ciphertext || tag.</param>");
        w.Line(aadDoc);
        w.Line("/// <returns>The plaintext.</returns>");
        w.Line("/// <exception cref=\"ArgumentException\"><paramref name=\"sealedData\"/> is shorter than a nonce and a tag.</exception>");
        w.Line("/// <exception cref=\"AuthenticationTagMismatchException\">The data is not authentic.</exception>");
        w.Line("public byte[] Open([CryptoMaterial(CryptoMaterial.Ciphertext)] ReadOnlySpan<byte> sealedData,");
        w.Line($"    {aadParam})");
        w.Open();
        w.Line("if (sealedData.Length < NonceSize + TagSize)");
        w.Line($"    throw new ArgumentException($\"{c}.Open needs at least {SourceWriter.N(spec.NonceSize + spec.TagSize)} bytes (nonce and tag), not {{sealedData.Length}}.\", nameof(sealedData));");
        w.Line("var nonce = Nonce.Create(sealedData[..NonceSize]);");
        w.Line("var tag = Tag.Create(sealedData[^TagSize..]);");
        w.Line("var ciphertext = sealedData[NonceSize..^TagSize];");
        w.Line("var plaintext = new byte[ciphertext.Length];");
        w.Line("Decrypt(nonce, ciphertext, tag, plaintext, associatedData);");
        w.Line("return plaintext;");
        w.Close();

        EmitSpanSealOpen(w, spec, aadParam, aadDoc);

        if (ccm)
        {
            w.Line();
            w.Line("// ccm(aes) wants the CCM counter block A0, not the nonce: flags byte L' = L - 1 where");
            w.Line("// L = 15 - nonce length (RFC 3610, NIST SP 800-38C), then the nonce, then a zero counter.");
            w.Line("private static void ToKernelIv(in Nonce nonce, Span<byte> iv)");
            w.Open();
            w.Line("iv.Clear();");
            w.Line($"iv[0] = {KernelFacts.CcmFlagsBase} - NonceSize;"); // KernelFacts.WriteCcmCounterBlock, inlined
            w.Line("nonce.AsSpan().CopyTo(iv[1..]);");
            w.Close();
        }

        ClassEmitter.EmitDriver(w);
        ClassEmitter.EmitDispose(w);
        ClassEmitter.EmitKeys(w, spec);
        MaterialEmitter.Emit(w, c, "Nonce", MaterialKind.Nonce, spec.NonceSize, string.Empty);
        MaterialEmitter.Emit(w, c, "Tag", MaterialKind.Tag, spec.TagSize, string.Empty);
    }

    private static void EmitKernelIv(SourceWriter w, bool ccm)
    {
        if (!ccm)
            return;
        w.Line("Span<byte> iv = stackalloc byte[KernelIvSize];");
        w.Line("ToKernelIv(nonce, iv);");
    }

    /// <summary>SealInto and TryOpen: Seal and Open over caller buffers (no allocation).</summary>
    private static void EmitSpanSealOpen(SourceWriter w, AlgorithmSpec spec, string aadParam, string aadDoc)
    {
        var ccm = spec.NonceEncoding == NonceEncoding.Ccm;
        var nonceArg = ccm ? "iv" : "nonce.AsSpan()";
        var c = spec.ClassName;
        w.Line();
        w.Summary("Like <see cref=\"Seal\"/>, into a caller buffer: writes nonce || ciphertext || tag to <paramref name=\"destination\"/>.");
        w.Line("/// <remarks>The size bound and the nonce limit of <see cref=\"Seal\"/> apply.</remarks>");
        w.Line("/// <param name=\"plaintext\">The data to encrypt.</param>");
        w.Line("/// <param name=\"destination\">At least NonceSize + plaintext length + TagSize bytes; must not overlap the plaintext.</param>");
        w.Line(aadDoc);
        w.Line("/// <returns>The bytes written: NonceSize + plaintext length + TagSize.</returns>");
        w.Line("/// <exception cref=\"ArgumentException\"><paramref name=\"destination\"/> is too short or overlaps the plaintext, or the message does not fit one kernel request.</exception>");
        w.Line("public int SealInto([CryptoMaterial(CryptoMaterial.Plaintext)] ReadOnlySpan<byte> plaintext,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Ciphertext)] Span<byte> destination,");
        w.Line($"    {aadParam})");
        w.Open();
        w.Line("if (destination.Length - NonceSize - TagSize < plaintext.Length)");
        w.Line($"    throw new ArgumentException($\"{c}.SealInto needs {{NonceSize + TagSize + (long)plaintext.Length}} bytes (nonce, {{plaintext.Length}} bytes of ciphertext, tag); the destination has {{destination.Length}}.\", nameof(destination));");
        w.Line("if (plaintext.Overlaps(destination))");
        w.Line($"    throw new ArgumentException(\"{c}.SealInto writes the nonce before the ciphertext: the destination must not overlap the plaintext.\", nameof(destination));");
        w.Line("var nonce = Nonce.Random();");
        w.Line("nonce.AsSpan().CopyTo(destination);");
        EmitKernelIv(w, ccm);
        w.Line("// ciphertext || tag in the destination are one buffer: the kernel's output lands there in one piece.");
        w.Line($"_core.Encrypt({nonceArg}, plaintext, destination.Slice(NonceSize, plaintext.Length), destination.Slice(NonceSize + plaintext.Length, TagSize), associatedData);");
        w.Line("return NonceSize + plaintext.Length + TagSize;");
        w.Close();

        w.Line();
        w.Summary("Opens the output of <see cref=\"Seal\"/> or <see cref=\"SealInto\"/> into a caller buffer; false instead of an exception when it is not authentic.");
        w.Line("/// <param name=\"sealedData\">nonce || ciphertext || tag.</param>");
        w.Line("/// <param name=\"destination\">At least sealedData length - NonceSize - TagSize bytes; cleared when the data is not authentic.</param>");
        w.Line("/// <param name=\"bytesWritten\">The plaintext length, or 0 when the data is not authentic.</param>");
        w.Line(aadDoc);
        w.Line("/// <returns>Whether the data is authentic; never use the destination after false.</returns>");
        w.Line("/// <exception cref=\"ArgumentException\"><paramref name=\"sealedData\"/> is shorter than a nonce and a tag, or <paramref name=\"destination\"/> is too short.</exception>");
        w.Line("[AuthenticationResult]");
        w.Line("public bool TryOpen([CryptoMaterial(CryptoMaterial.Ciphertext)] ReadOnlySpan<byte> sealedData,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Plaintext)] Span<byte> destination,");
        w.Line("    out int bytesWritten,");
        w.Line($"    {aadParam})");
        w.Open();
        w.Line("if (sealedData.Length < NonceSize + TagSize)");
        w.Line($"    throw new ArgumentException($\"{c}.TryOpen needs at least {SourceWriter.N(spec.NonceSize + spec.TagSize)} bytes (nonce and tag), not {{sealedData.Length}}.\", nameof(sealedData));");
        w.Line("var length = sealedData.Length - NonceSize - TagSize;");
        w.Line("if (destination.Length < length)");
        w.Line($"    throw new ArgumentException($\"{c}.TryOpen needs {{length}} bytes for the plaintext; the destination has {{destination.Length}}.\", nameof(destination));");
        w.Line("var nonce = Nonce.Create(sealedData[..NonceSize]);");
        EmitKernelIv(w, ccm);
        w.Line("// ciphertext || tag go to the kernel as the one buffer they are.");
        w.Line($"var authentic = _core.TryDecrypt({nonceArg}, sealedData[NonceSize..^TagSize], sealedData[^TagSize..], destination[..length], associatedData);");
        w.Line("bytesWritten = authentic ? length : 0;");
        w.Line("return authentic;");
        w.Close();
    }
}
