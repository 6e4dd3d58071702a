using TypedAlg.Generator.Model;

namespace TypedAlg.Generator.Emit;

/// <summary>
/// The skcipher members that fit .NET's shapes: PKCS#7 one-shots (as <c>Aes.EncryptCbc(..., PaddingMode.PKCS7)</c>),
/// <c>ICryptoTransform</c> views for <c>CryptoStream</c>, and async stream encryption, over runtime/DotNet.
/// </summary>
internal static class SkcipherDotNetEmitter
{
    private const string CbcWarning =
        "/// <para>Padding does not authenticate: a receiver whose padding check an attacker can observe is a padding oracle. " +
        "Authenticate the ciphertext (encrypt-then-MAC, for example with HmacSha256 over IV and ciphertext) and check the MAC before decrypting, " +
        "or use an AEAD class such as GcmAes.</para>";

    public static void EmitPkcs7(SourceWriter w, AlgorithmSpec spec)
    {
        var hasIv = spec.IvSize > 0;
        var ivParam = hasIv ? "[CryptoMaterial(CryptoMaterial.Iv)] in Iv iv, " : string.Empty;
        var ivArg = hasIv ? "iv.AsSpan()" : "default";
        var ivDoc = hasIv ? "/// <param name=\"iv\">The initialization vector.</param>" : null;
        var block = SourceWriter.N(spec.BlockSize);

        w.Line();
        w.Summary("The ciphertext length of EncryptPkcs7 for a plaintext length: the next multiple of BlockSize above it.");
        w.Line("/// <param name=\"plaintextLength\">The plaintext length in bytes.</param>");
        w.Line("/// <returns>1 to BlockSize bytes more than <paramref name=\"plaintextLength\"/>.</returns>");
        w.Line("public static int GetPkcs7CiphertextLength(int plaintextLength) => TypedAlg.Runtime.DotNet.Pkcs7Padding.GetPaddedLength(plaintextLength, BlockSize);");

        w.Line();
        w.Summary("Pads <paramref name=\"plaintext\"/> (any length) with PKCS#7 and encrypts it into <paramref name=\"ciphertext\"/>.");
        w.Line("/// <remarks>");
        w.Line(CbcWarning);
        w.Line("/// </remarks>");
        if (ivDoc is not null) w.Line(ivDoc);
        w.Line("/// <param name=\"plaintext\">The data to encrypt.</param>");
        w.Line("/// <param name=\"ciphertext\">At least <see cref=\"GetPkcs7CiphertextLength\"/> bytes; may start at the plaintext (in place).</param>");
        w.Line("/// <returns>The bytes written.</returns>");
        w.Line("/// <exception cref=\"ArgumentException\"><paramref name=\"ciphertext\"/> is too short.</exception>");
        w.Line($"public int EncryptPkcs7({ivParam}[CryptoMaterial(CryptoMaterial.Plaintext)] ReadOnlySpan<byte> plaintext,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Ciphertext)] Span<byte> ciphertext)");
        w.Line($"    => TypedAlg.Runtime.DotNet.Pkcs7Padding.Encrypt(_core, {ivArg}, plaintext, ciphertext);");

        w.Line();
        w.Summary("Pads <paramref name=\"plaintext\"/> (any length) with PKCS#7 and encrypts it into a new array.");
        w.Line("/// <remarks>");
        w.Line(CbcWarning);
        w.Line("/// </remarks>");
        if (ivDoc is not null) w.Line(ivDoc);
        w.Line("/// <param name=\"plaintext\">The data to encrypt.</param>");
        w.Line("/// <returns>The ciphertext, 1 to BlockSize bytes longer than the plaintext.</returns>");
        w.Line($"public byte[] EncryptPkcs7({ivParam}[CryptoMaterial(CryptoMaterial.Plaintext)] ReadOnlySpan<byte> plaintext)");
        w.Open();
        w.Line("var ciphertext = new byte[GetPkcs7CiphertextLength(plaintext.Length)];");
        w.Line($"TypedAlg.Runtime.DotNet.Pkcs7Padding.Encrypt(_core, {ivArg}, plaintext, ciphertext);");
        w.Line("return ciphertext;");
        w.Close();

        w.Line();
        w.Summary("Decrypts <paramref name=\"ciphertext\"/> and removes its PKCS#7 padding, checked in constant time.");
        w.Line("/// <remarks>");
        w.Line(CbcWarning);
        w.Line("/// </remarks>");
        if (ivDoc is not null) w.Line(ivDoc);
        w.Line($"/// <param name=\"ciphertext\">The data to decrypt: a positive multiple of {block} bytes.</param>");
        w.Line("/// <param name=\"plaintext\">Room for the unpadded plaintext (ciphertext length - 1 bytes always suffice); cleared when the padding is bad.</param>");
        w.Line("/// <returns>The bytes written.</returns>");
        w.Line("/// <exception cref=\"CryptographicException\">The padding is invalid: wrong key or IV, or changed data. The message does not say which byte.</exception>");
        w.Line($"public int DecryptPkcs7({ivParam}[CryptoMaterial(CryptoMaterial.Ciphertext)] [BlockMultiple({block})] ReadOnlySpan<byte> ciphertext,");
        w.Line("    [CryptoMaterial(CryptoMaterial.Plaintext)] Span<byte> plaintext)");
        w.Line($"    => TypedAlg.Runtime.DotNet.Pkcs7Padding.Decrypt(_core, {ivArg}, ciphertext, plaintext);");

        w.Line();
        w.Summary("Decrypts <paramref name=\"ciphertext\"/> and removes its PKCS#7 padding (checked in constant time) into a new array.");
        w.Line("/// <remarks>");
        w.Line(CbcWarning);
        w.Line("/// </remarks>");
        if (ivDoc is not null) w.Line(ivDoc);
        w.Line($"/// <param name=\"ciphertext\">The data to decrypt: a positive multiple of {block} bytes.</param>");
        w.Line("/// <returns>The plaintext.</returns>");
        w.Line("/// <exception cref=\"CryptographicException\">The padding is invalid: wrong key or IV, or changed data. The message does not say which byte.</exception>");
        w.Line($"public byte[] DecryptPkcs7({ivParam}[CryptoMaterial(CryptoMaterial.Ciphertext)] [BlockMultiple({block})] ReadOnlySpan<byte> ciphertext)");
        w.Open();
        w.Line("var plaintext = new byte[ciphertext.Length];");
        w.Line($"var length = TypedAlg.Runtime.DotNet.Pkcs7Padding.Decrypt(_core, {ivArg}, ciphertext, plaintext);");
        w.Line("var result = plaintext.AsSpan(0, length).ToArray();");
        w.Line("CryptographicOperations.ZeroMemory(plaintext);");
        w.Line("return result;");
        w.Close();
    }

    public static void EmitTransforms(SourceWriter w, AlgorithmSpec spec)
    {
        var hasIv = spec.IvSize > 0;
        var padded = spec.WholeBlocks && spec.BlockSize > 1;
        var ivArg = hasIv ? "iv.AsSpan()" : "default";
        var ivDoc = hasIv ? "/// <param name=\"iv\">The initialization vector.</param>" : null;
        var paddingParam = padded ? "PaddingMode padding = PaddingMode.PKCS7" : null;
        var paddingArg = padded ? "padding" : "PaddingMode.None";
        var paddingDoc = padded ? "/// <param name=\"padding\">PaddingMode.PKCS7 (the default, as SymmetricAlgorithm's) or PaddingMode.None.</param>" : null;
        var head = string.Join(", ", new[] { hasIv ? "[CryptoMaterial(CryptoMaterial.Iv)] in Iv iv" : null, paddingParam }.Where(p => p is not null));

        foreach (var (verb, encrypt) in new[] { ("Encrypt", true), ("Decrypt", false) })
        {
            var lower = verb.ToLowerInvariant();
            w.Line();
            w.Summary($"An <see cref=\"ICryptoTransform\"/> that {lower}s, for <see cref=\"CryptoStream\"/>; it has its own kernel socket (the key stays with this instance). Dispose it.");
            if (padded)
            {
                w.Line("/// <remarks>");
                w.Line(CbcWarning);
                w.Line("/// </remarks>");
            }

            if (ivDoc is not null) w.Line(ivDoc);
            if (paddingDoc is not null) w.Line(paddingDoc);
            w.Line($"/// <returns>The transform; keep this instance open while it is used.</returns>");
            w.Line($"public TypedAlg.Runtime.DotNet.SkcipherTransform Create{verb}orTransform({head})");
            w.Line($"    => new(_core, encrypt: {(encrypt ? "true" : "false")}, {ivArg}, {paddingArg});");
        }

        var asyncHead = string.Join(", ", new[] { hasIv ? "[CryptoMaterial(CryptoMaterial.Iv)] in Iv iv" : null, "Stream source", "Stream destination", paddingParam,
            "System.Threading.CancellationToken cancellationToken = default" }.Where(p => p is not null));
        foreach (var verb in new[] { "Encrypt", "Decrypt" })
        {
            var lower = verb.ToLowerInvariant();
            w.Line();
            w.Summary($"{verb}s <paramref name=\"source\"/> from its position to its end into <paramref name=\"destination\"/>, in 64 KiB chunks on a kernel socket of its own.");
            w.Line("/// <remarks>");
            w.Line("/// Cancellation is checked between chunks; after it, this instance is unaffected and usable, and the destination holds a partial result to discard.");
            if (padded)
                w.Line(CbcWarning);
            w.Line("/// </remarks>");
            if (ivDoc is not null) w.Line(ivDoc);
            w.Line($"/// <param name=\"source\">The stream to {lower}.</param>");
            w.Line("/// <param name=\"destination\">Receives the output (not flushed or closed).</param>");
            if (paddingDoc is not null) w.Line(paddingDoc);
            w.Line("/// <param name=\"cancellationToken\">Checked between chunks.</param>");
            w.Line("/// <returns>A task that completes when the output is written.</returns>");
            w.Line($"public System.Threading.Tasks.Task {verb}Async({asyncHead})");
            w.Open();
            w.Line("ArgumentNullException.ThrowIfNull(source);");
            w.Line("ArgumentNullException.ThrowIfNull(destination);");
            w.Line($"return TypedAlg.Runtime.DotNet.TransformStreams.TransformAsync(Create{verb}orTransform({(hasIv ? "iv" : string.Empty)}{(hasIv && padded ? ", " : string.Empty)}{(padded ? "padding" : string.Empty)}), source, destination, cancellationToken);");
            w.Close();
        }
    }
}
