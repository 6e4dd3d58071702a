using TypedAlg.Generator.Model;

namespace TypedAlg.Generator.Emit;

/// <summary>Emits the members of an rng class (DRBGs, stdrng) over <c>RngCore</c>.</summary>
internal static class RngEmitter
{
    public static void Emit(SourceWriter w, AlgorithmSpec spec, BackendSpec backend)
    {
        var c = spec.ClassName;
        ClassEmitter.EmitIsSupported(w, spec, backend);
        BackendEmitter.EmitMembers(w, spec, backend);
        if (backend.ManagedCapable)
        {
            const string personalizationDoc = "/// <param name=\"personalization\">Bytes that make this instance's output distinct, for example a device identifier.</param>";
            BackendEmitter.EmitConstructors(w, c, "Instantiates the generator; the kernel seeds it from its own entropy (there is no managed DRBG).", [], "", "",
                "ManagedBackends.OpenRng(AlgorithmName, default, backendPolicy, out var backend)");
            BackendEmitter.EmitConstructors(w, c, "Instantiates the generator with a personalization string (mixed in with the kernel's entropy; not a secret, not a seed).",
                [personalizationDoc], "[CryptoMaterial(CryptoMaterial.Personalization)] ReadOnlySpan<byte> personalization", "personalization",
                "ManagedBackends.OpenRng(AlgorithmName, personalization, backendPolicy, out var backend)");
            EmitOperations(w, backend);
            return;
        }

        w.Line();
        w.Summary("Instantiates the generator; the kernel seeds it from its own entropy.");
        w.Line("/// <exception cref=\"KernelCryptoException\">The kernel does not serve the algorithm.</exception>");
        w.Line($"public {c}() => _core = new RngCore(AlgorithmName);");
        w.Line();
        w.Summary("Instantiates the generator with a personalization string (mixed in with the kernel's entropy; not a secret, not a seed).");
        w.Line("/// <param name=\"personalization\">Bytes that make this instance's output distinct, for example a device identifier.</param>");
        w.Line("/// <exception cref=\"KernelCryptoException\">The kernel does not serve the algorithm.</exception>");
        w.Line($"public {c}([CryptoMaterial(CryptoMaterial.Personalization)] ReadOnlySpan<byte> personalization)");
        w.Line("    => _core = new RngCore(AlgorithmName, personalization);");
        EmitOperations(w, backend);
    }

    private static void EmitOperations(SourceWriter w, BackendSpec backend)
    {
        w.Line();
        w.Summary("Fills <paramref name=\"destination\"/> with random bytes.");
        w.Line("/// <param name=\"destination\">The bytes to overwrite.</param>");
        w.Line("public void Fill(Span<byte> destination) => _core.Fill(destination);");

        w.Line();
        w.Summary("Returns <paramref name=\"count\"/> random bytes.");
        w.Line("/// <param name=\"count\">How many bytes.</param>");
        w.Line("/// <returns>A new array of random bytes.</returns>");
        w.Line("public byte[] GetBytes(int count)");
        w.Open();
        w.Line("ArgumentOutOfRangeException.ThrowIfNegative(count);");
        w.Line("var bytes = new byte[count];");
        w.Line("_core.Fill(bytes);");
        w.Line("return bytes;");
        w.Close();

        // Named FillShared because an instance Fill(Span<byte>) already exists with the same signature.
        w.Line();
        w.Summary("Fills <paramref name=\"destination\"/> from a per-thread instance; thread-safe, no instance to manage.");
        w.Line("/// <param name=\"destination\">The bytes to overwrite.</param>");
        w.Line(backend.Policy == "Kernel"
            ? "public static void FillShared(Span<byte> destination) => RngCore.Fill(AlgorithmName, destination);"
            : "public static void FillShared(Span<byte> destination) => ManagedBackends.Fill(AlgorithmName, destination, DefaultBackendPolicy);");

        ClassEmitter.EmitDriver(w);
        ClassEmitter.EmitDispose(w);
    }
}
