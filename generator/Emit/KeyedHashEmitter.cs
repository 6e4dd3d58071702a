using TypedAlg.Generator.Model;

namespace TypedAlg.Generator.Emit;

/// <summary>
/// Emits the members of a keyed hash class over <c>HashCore</c>: HMAC (any key length, a recommended
/// minimum) and CMAC (fixed key sizes, typed keys).
/// </summary>
internal static class KeyedHashEmitter
{
    public static void Emit(SourceWriter w, AlgorithmSpec spec, BackendSpec backend)
    {
        var c = spec.ClassName;
        var typedKeys = spec.KeySizes.Count > 0;
        var pin = ClassEmitter.PinArgument(spec);
        const string macParam = "[CryptoMaterial(CryptoMaterial.Mac)] in Mac expected";

        w.Line();
        w.Summary("The MAC length in bytes.");
        w.Line($"public const int MacSize = {SourceWriter.N(spec.DigestSize)};");
        w.Line();
        w.Summary("The shortest truncated MAC <c>Verify(data, ReadOnlySpan&lt;byte&gt;)</c> accepts: 16 bytes (128 bits), where TA0031 stops warning.");
        w.Line($"public const int MinimumTruncatedMacSize = {SourceWriter.N(MinimumTruncatedMacSize(spec))};");
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

        ClassEmitter.EmitIsSupported(w, spec, backend);
        BackendEmitter.EmitMembers(w, spec, backend);

        if (backend.ManagedCapable)
        {
            EmitManagedConstructors(w, spec, backend);
        }
        else if (typedKeys)
        {
            foreach (var size in spec.KeySizes)
            {
                var key = ClassEmitter.KeyTypeName(size);
                w.Line();
                w.Summary($"Sets up {c} with a {SourceWriter.N(size)}-byte key (the key is copied into the kernel).");
                w.Line("/// <param name=\"key\">The key.</param>");
                w.Line("/// <exception cref=\"KernelCryptoException\">The kernel does not serve the algorithm or refuses the key.</exception>");
                w.Line($"public {c}([CryptoMaterial(CryptoMaterial.Key)] in {key} key)");
                w.Line($"    => _core = new HashCore(AlgorithmName, MacSize, key.AsSpan(){pin});");
                EmitDriverConstructor(w, spec, backend, size);
            }
        }
        else
        {
            w.Line();
            w.Summary($"Sets up {c} with a key of any length (at least MinimumKeySize bytes recommended; the key is copied into the kernel).");
            w.Line("/// <param name=\"key\">The key.</param>");
            w.Line("/// <exception cref=\"KernelCryptoException\">The kernel does not serve the algorithm or refuses the key.</exception>");
            w.Line($"public {c}([CryptoMaterial(CryptoMaterial.Key)] {ClassEmitter.KeyByteLength(spec)} ReadOnlySpan<byte> key)");
            w.Line($"    => _core = new HashCore(AlgorithmName, MacSize, key{pin});");
            EmitDriverConstructor(w, spec, backend, 0);
        }

        BackendEmitter.EmitWrappingConstructor(w, spec, backend);
        w.Line();
        w.Summary("Uses a key held in the kernel keyring; the key bytes never enter this process. Linux 6.2+.");
        w.Line("/// <param name=\"keySerial\">The key's serial number.</param>");
        w.Line($"public static {c} FromKeyring(int keySerial)");
        w.Line($"    => {BackendEmitter.FromKeyring($"HashCore.FromKeySerial(AlgorithmName, MacSize, keySerial{pin})", backend)};");
        w.Line();
        w.Summary("Uses a key held in the kernel keyring, served by the driver chosen here. Linux 6.2+.");
        w.Line("/// <param name=\"keySerial\">The key's serial number.</param>");
        ClassEmitter.DriverParameterDoc(w);
        w.Line($"public static {c} FromKeyring(int keySerial, DriverSelection driver)");
        w.Line($"    => {BackendEmitter.FromKeyring("HashCore.FromKeySerial(AlgorithmName, MacSize, keySerial, driver)", backend)};");

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

        ClassEmitter.EmitFilledResult(w, "Mac", "mac");
        w.Line(spec.PinsDriver
            ? "HashCore.MacData(AlgorithmName, MacSize, DefaultDriver, key, data, bytes);"
            : !backend.ManagedCapable || backend.Policy == "Kernel"
                ? "HashCore.MacData(AlgorithmName, MacSize, key, data, bytes);"
                : "ManagedBackends.MacData(AlgorithmName, MacSize, key, data, bytes, DefaultBackendPolicy);");
        w.Line("return mac;");
        w.Close();

        w.Line();
        w.Summary("Computes the MAC of <paramref name=\"data\"/> with this instance's key; do not call it in the middle of an Append sequence.");
        w.Line("/// <param name=\"data\">The data to authenticate.</param>");
        w.Line("/// <returns>The MAC.</returns>");
        w.Line("public Mac Compute(ReadOnlySpan<byte> data)");
        w.Open();
        ClassEmitter.EmitFilledResult(w, "Mac", "mac");
        w.Line("_core.HashData(data, bytes);");
        w.Line("return mac;");
        w.Close();

        w.Line();
        w.Summary("Checks <paramref name=\"expected\"/> against the MAC of <paramref name=\"data\"/> in constant time.");
        w.Line("/// <param name=\"data\">The data received.</param>");
        w.Line("/// <param name=\"expected\">The MAC received with it.</param>");
        w.Line("/// <returns>Whether the data is authentic.</returns>");
        w.Line("[AuthenticationResult]");
        w.Line($"public bool Verify(ReadOnlySpan<byte> data, {macParam}) => Compute(data).Equals(expected);");

        EmitTruncatedVerify(w, spec);
        EmitAsyncAndAdapter(w, spec, backend);

        w.Line();
        w.Summary("Adds <paramref name=\"data\"/> to the running MAC.");
        w.Line("/// <param name=\"data\">The next piece of data.</param>");
        w.Line("public void Append(ReadOnlySpan<byte> data) => _core.Append(data);");

        w.Line();
        w.Summary("Finishes the running MAC and starts a new one with the same key.");
        w.Line("/// <returns>The MAC of everything appended since the last reset.</returns>");
        w.Line("public Mac GetMacAndReset()");
        w.Open();
        ClassEmitter.EmitFilledResult(w, "Mac", "mac");
        w.Line("_core.GetHashAndReset(bytes);");
        w.Line("return mac;");
        w.Close();

        w.Line();
        w.Summary("Copies the running state into an independent instance (the kernel clones the socket).");
        w.Line("/// <returns>A new instance to dispose as well.</returns>");
        w.Line($"public {c} Clone() => {BackendEmitter.Clone(backend)};");

        ClassEmitter.EmitDriver(w);
        ClassEmitter.EmitDispose(w);
        if (typedKeys)
            ClassEmitter.EmitKeys(w, spec);
        MaterialEmitter.Emit(w, c, "Mac", MaterialKind.Mac, spec.DigestSize, string.Empty);
    }

    /// <summary>
    /// The floor for truncated MACs: 128 bits (TruncatedTagAnalyzer.MinimumMac: TA0031 warns below it), which is above
    /// NIST SP 800-107's 32-bit floor and RFC 2104's "half the output, at least 80 bits" for SHA-1 and SHA-256.
    /// </summary>
    private static int MinimumTruncatedMacSize(AlgorithmSpec spec) => System.Math.Min(16, spec.DigestSize);

    private static void EmitTruncatedVerify(SourceWriter w, AlgorithmSpec spec)
    {
        var c = spec.ClassName;
        var min = SourceWriter.N(MinimumTruncatedMacSize(spec));
        var max = SourceWriter.N(spec.DigestSize);
        w.Line();
        w.Summary("Checks a MAC, whole or truncated to its leading bytes, against the MAC of <paramref name=\"data\"/> in constant time.");
        w.Line("/// <remarks>");
        w.Line("/// A truncated MAC is as strong as its length: each byte removed makes a forgery 256 times easier, so this accepts");
        w.Line("/// no fewer than <see cref=\"MinimumTruncatedMacSize\"/> bytes. The length belongs to your protocol: never take it");
        w.Line("/// from the message, or an attacker chooses the shortest.");
        w.Line("/// </remarks>");
        w.Line("/// <param name=\"data\">The data received.</param>");
        w.Line($"/// <param name=\"mac\">The MAC received with it: {min} to {max} bytes, the leading bytes of the whole MAC.</param>");
        w.Line("/// <returns>Whether the data is authentic.</returns>");
        w.Line($"/// <exception cref=\"ArgumentException\"><paramref name=\"mac\"/> is shorter than {min} or longer than {max} bytes.</exception>");
        w.Line("[AuthenticationResult]");
        w.Line($"public bool Verify(ReadOnlySpan<byte> data, [CryptoMaterial(CryptoMaterial.Mac)] [ByteLength(Minimum = MinimumTruncatedMacSize)] ReadOnlySpan<byte> mac)");
        w.Open();
        w.Line("if (mac.Length < MinimumTruncatedMacSize || mac.Length > MacSize)");
        w.Line($"    throw new ArgumentException($\"{c}.Verify takes a MAC of {min} to {max} bytes (whole or truncated), not {{mac.Length}}.\", nameof(mac));");
        w.Line("Span<byte> computed = stackalloc byte[MacSize];");
        w.Line("_core.HashData(data, computed);");
        w.Line("var equal = CryptographicOperations.FixedTimeEquals(computed[..mac.Length], mac);");
        w.Line("CryptographicOperations.ZeroMemory(computed);");
        w.Line("return equal;");
        w.Close();
    }

    private static void EmitAsyncAndAdapter(SourceWriter w, AlgorithmSpec spec, BackendSpec backend)
    {
        w.Line();
        w.Summary("Appends a stream (from its position to its end) to the running MAC, reading asynchronously, then finishes and resets.");
        w.Line("/// <remarks>When the read is cancelled or fails, the running MAC is discarded: the instance is ready for the next message.</remarks>");
        w.Line("/// <param name=\"stream\">The stream to read.</param>");
        w.Line("/// <param name=\"cancellationToken\">Checked between reads.</param>");
        w.Line("/// <returns>The MAC of everything appended since the last reset, stream included.</returns>");
        w.Line("public async System.Threading.Tasks.Task<Mac> ComputeAsync(Stream stream, System.Threading.CancellationToken cancellationToken = default)");
        w.Open();
        w.Line("await TypedAlg.Runtime.DotNet.HashStreams.AppendAsync(_core, stream, cancellationToken).ConfigureAwait(false);");
        w.Line("return GetMacAndReset();");
        w.Close();

        var sizes = spec.KeySizes.Count > 0 ? "[" + string.Join(", ", spec.KeySizes.Select(SourceWriter.N)) + "]" : "[]";
        w.Line();
        w.Summary("A <see cref=\"KeyedHashAlgorithm\"/> with this instance's key, on its own kernel socket (the key stays in the kernel). Dispose it.");
        w.Line("/// <remarks>Call it between messages: it copies the running state, so data appended and not yet finished would be part of its first MAC.</remarks>");
        w.Line("/// <returns>A new keyed hash; disposing it closes its socket.</returns>");
        if (!backend.ManagedCapable)
        {
            w.Line($"public TypedAlg.Runtime.DotNet.KernelKeyedHashAlgorithm CreateKeyedHashAlgorithm() => new(_core.Clone(), AlgorithmName, {sizes});");
            return;
        }

        // Setting Key on the adapter opens a core on this instance's backend, never the other one.
        w.Line($"public TypedAlg.Runtime.DotNet.KernelKeyedHashAlgorithm CreateKeyedHashAlgorithm() => new(_core.Clone(), AlgorithmName, {sizes},");
        w.Line("    key => ManagedBackends.OpenMac(AlgorithmName, MacSize, key, Backend == Backend.Kernel ? BackendPolicy.Kernel : BackendPolicy.Managed, out _));");
    }

    /// <summary>The constructor binding a chosen driver, for one key size (0: a key of any length).</summary>
    private static void EmitDriverConstructor(SourceWriter w, AlgorithmSpec spec, BackendSpec backend, int size)
    {
        var c = spec.ClassName;
        var (what, parameter, key) = size == 0
            ? ("a key of any length", $"[CryptoMaterial(CryptoMaterial.Key)] {ClassEmitter.KeyByteLength(spec)} ReadOnlySpan<byte> key", "key")
            : ($"a {SourceWriter.N(size)}-byte key", $"[CryptoMaterial(CryptoMaterial.Key)] in {ClassEmitter.KeyTypeName(size)} key", "key.AsSpan()");
        ClassEmitter.EmitDriverConstructor(w, c, $"Sets up {c} with {what}, served by the driver chosen here (a driver name, or hardware only); always the kernel.",
            "/// <param name=\"key\">The key.</param>", parameter, $"new HashCore(AlgorithmName, MacSize, {key}, driver)", backend);
    }

    private static void EmitManagedConstructors(SourceWriter w, AlgorithmSpec spec, BackendSpec backend)
    {
        var c = spec.ClassName;
        const string keyDoc = "/// <param name=\"key\">The key.</param>";
        if (spec.KeySizes.Count == 0)
        {
            BackendEmitter.EmitConstructors(w, c,
                $"Sets up {c} with a key of any length (at least MinimumKeySize bytes recommended; the key is copied into the kernel or the BCL object).",
                [keyDoc], $"[CryptoMaterial(CryptoMaterial.Key)] {ClassEmitter.KeyByteLength(spec)} ReadOnlySpan<byte> key", "key",
                "ManagedBackends.OpenMac(AlgorithmName, MacSize, key, backendPolicy, out var backend)");
            EmitDriverConstructor(w, spec, backend, 0);
            return;
        }

        foreach (var size in spec.KeySizes)
        {
            BackendEmitter.EmitConstructors(w, c,
                $"Sets up {c} with a {SourceWriter.N(size)}-byte key (the key is copied into the kernel or the BCL object).",
                [keyDoc], $"[CryptoMaterial(CryptoMaterial.Key)] in {ClassEmitter.KeyTypeName(size)} key", "key",
                "ManagedBackends.OpenMac(AlgorithmName, MacSize, key.AsSpan(), backendPolicy, out var backend)");
            EmitDriverConstructor(w, spec, backend, size);
        }
    }
}
