using TypedAlg.Annotations;
using TypedAlg.Generator.Model;
using TypedAlg.Manifest;

namespace TypedAlg.Generator.Emit;

/// <summary>
/// The members that depend on the backend: the <c>Backend</c> property everywhere, and where the project references
/// TypedAlg.Managed, the policy constant, the core as its interface, and constructors that take a policy.
/// </summary>
internal static class BackendEmitter
{
    public const string PolicyParamDoc =
        "/// <param name=\"backendPolicy\">Kernel, KernelThenManaged (the managed backend only when the kernel refuses the algorithm as unavailable) or Managed; chosen once, here (docs/managed-backend.md).</param>";

    public const string NoBackendDoc =
        "/// <exception cref=\"NotSupportedException\">The policy needs the managed backend and it cannot serve this algorithm (TypedAlg.Managed.NoManagedBackendException says why).</exception>";

    /// <summary>The core's type: the kernel core, or the backend interface both cores implement.</summary>
    public static string CoreType(AlgorithmSpec spec, BackendSpec backend) => (spec.Kind, backend.ManagedCapable) switch
    {
        (KernelAlgorithmType.Hash, false) => "HashCore",
        (KernelAlgorithmType.Hash, true) => "IHashBackend",
        (KernelAlgorithmType.Skcipher, false) => "SkcipherCore",
        (KernelAlgorithmType.Skcipher, true) => "ISkcipherBackend",
        (KernelAlgorithmType.Aead, false) => "AeadCore",
        (KernelAlgorithmType.Aead, true) => "IAeadBackend",
        (_, false) => "RngCore",
        _ => "IRngBackend",
    };

    /// <summary>DefaultBackendPolicy (managed-capable only), the Backend property and the core field.</summary>
    public static void EmitMembers(SourceWriter w, AlgorithmSpec spec, BackendSpec backend)
    {
        var whyNone = spec.Kind == KernelAlgorithmType.Rng ? ManagedFallback.WhyNone("stdrng") : ManagedFallback.WhyNone(spec.KernelName);
        w.Line();
        if (!backend.ManagedCapable)
        {
            w.Summary(backend.PinnedClass
                ? "Which backend serves this instance: always the kernel, as the manifest pins a driver and a pin never falls back (docs/managed-backend.md)."
                : "Which backend serves this instance: always the kernel, as this project does not reference TypedAlg.Managed (docs/managed-backend.md).");
            w.Line("public Backend Backend => Backend.Kernel;");
        }
        else
        {
            w.Summary("The project's backend policy (&lt;TypedAlgBackend&gt;), for the constructors without a policy argument and the static members.");
            w.Line($"public const BackendPolicy DefaultBackendPolicy = BackendPolicy.{backend.Policy};");
            w.Line();
            w.Summary("Which backend serves this instance, chosen once by the constructor (docs/managed-backend.md).");
            if (whyNone is not null)
                w.Line($"/// <remarks>Always Kernel: {SourceWriter.Xml(spec.KernelName)} has no managed backend, because {SourceWriter.Xml(whyNone)} Under a fallback policy a kernel refusal throws TypedAlg.Managed.NoManagedBackendException with both reasons.</remarks>");
            w.Line("public Backend Backend { get; }");
        }

        w.Line();
        w.Line($"private readonly {CoreType(spec, backend)} _core;");
    }

    /// <summary>The private constructor that wraps a core (FromKeyring, Clone).</summary>
    public static void EmitWrappingConstructor(SourceWriter w, AlgorithmSpec spec, BackendSpec backend)
    {
        var c = spec.ClassName;
        w.Line();
        if (!backend.ManagedCapable)
        {
            w.Line($"private {c}({CoreType(spec, backend)} core) => _core = core;");
            return;
        }

        w.Line($"private {c}({CoreType(spec, backend)} core, Backend backend)");
        w.Open();
        w.Line("_core = core;");
        w.Line("Backend = backend;");
        w.Close();
    }

    /// <summary>"new(core)" or, managed-capable, "new(core, Backend.Kernel)": keyring keys live in the kernel, never elsewhere.</summary>
    public static string FromKeyring(string kernelCore, BackendSpec backend)
        => backend.ManagedCapable ? $"new({kernelCore}, Backend.Kernel)" : $"new({kernelCore})";

    /// <summary>"new(_core.Clone())" or, managed-capable, keeping this instance's backend.</summary>
    public static string Clone(BackendSpec backend)
        => backend.ManagedCapable ? "new(_core.Clone(), Backend)" : "new(_core.Clone())";

    /// <summary>
    /// A managed-capable constructor pair: <paramref name="parameters"/> forwarding with DefaultBackendPolicy, and the same
    /// plus a policy, which opens the core through ManagedBackends (<paramref name="open"/> takes "backendPolicy").
    /// </summary>
    public static void EmitConstructors(SourceWriter w, string className, string summary, string[] paramDocs, string parameters, string forward, string open)
    {
        var separator = parameters.Length > 0 ? ", " : string.Empty;
        w.Line();
        w.Summary(summary + " The backend is the project's DefaultBackendPolicy.");
        foreach (var doc in paramDocs)
            w.Line(doc);
        w.Line("/// <exception cref=\"KernelCryptoException\">The kernel refuses the key, or does not serve the algorithm and the policy does not fall back.</exception>");
        w.Line(NoBackendDoc);
        w.Line($"public {className}({parameters})");
        w.Line($"    : this({forward}{separator}DefaultBackendPolicy)");
        w.Open();
        w.Close();

        w.Line();
        w.Summary(summary + " The backend is chosen by <paramref name=\"backendPolicy\"/>, once.");
        foreach (var doc in paramDocs)
            w.Line(doc);
        w.Line(PolicyParamDoc);
        w.Line("/// <exception cref=\"KernelCryptoException\">The kernel refuses the key, or does not serve the algorithm and the policy does not fall back.</exception>");
        w.Line(NoBackendDoc);
        w.Line($"public {className}({parameters}{separator}BackendPolicy backendPolicy)");
        w.Open();
        w.Line($"_core = {open};");
        w.Line("Backend = backend;");
        w.Close();
    }
}
