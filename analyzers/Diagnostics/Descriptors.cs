namespace TypedAlg.Analyzers;

/// <summary>
/// Every diagnostic descriptor TypedAlg reports, in one place. Each links to its page docs/rules/&lt;ID&gt;.md.
/// Adding a rule: an ID in <see cref="DiagnosticIds"/>, a descriptor here, a line in AnalyzerReleases.Unshipped.md,
/// a page in docs/rules, one analyzer file in Rules/ (and its code fix, if any, in CodeFixes/ as &lt;Analyzer name&gt;CodeFix).
/// </summary>
internal static class Descriptors
{
    private const string HelpBase = "https://github.com/typedalg/typedalg/blob/main/docs/rules/";
    private const string Sizes = "TypedAlg.Sizes";
    private const string Security = "TypedAlg.Security";
    private const string Reliability = "TypedAlg.Reliability";
    private const string Compliance = "TypedAlg.Compliance";

    private static DiagnosticDescriptor Create(string id, string title, string message, string category,
        DiagnosticSeverity severity, string description, params string[] tags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description,
            helpLinkUri: HelpBase + id + ".md", customTags: tags);

    public static readonly DiagnosticDescriptor InvalidConstantLength = Create(DiagnosticIds.InvalidConstantLength,
        "Constant length not allowed by the algorithm",
        "{0} must be {1}, but this argument is {2}",
        Sizes, DiagnosticSeverity.Error,
        "A key, IV, nonce, tag or digest is built from data whose length is known at compile time and is not a length the algorithm accepts; the call would throw at run time.");

    public static readonly DiagnosticDescriptor BlockSizeOrDestination = Create(DiagnosticIds.BlockSizeOrDestination,
        "Constant length is not a multiple of the block size, or the destination is too small",
        "{0}",
        Sizes, DiagnosticSeverity.Error,
        "A block mode input whose constant length is not a multiple of the block size, or a destination whose constant length is smaller than the operation writes; the call would throw at run time.");

    public static readonly DiagnosticDescriptor HardCodedKey = Create(DiagnosticIds.HardCodedKey,
        "Hard-coded key",
        "The key passed to '{0}' is constant data in the source code; load it from a key store or the kernel keyring",
        Security, DiagnosticSeverity.Warning,
        "A key built from constant data is readable by anyone who has the binary or the source.");

    public static readonly DiagnosticDescriptor ConstantNonce = Create(DiagnosticIds.ConstantNonce,
        "Constant or all-zero IV/nonce",
        "The {0} passed to '{1}' is constant or all-zero; use a fresh random or counter-based value for every message",
        Security, DiagnosticSeverity.Error,
        "A constant IV or nonce repeats for every message: for AEAD (GCM, ChaCha20-Poly1305) this reveals the authentication key and plaintext XORs; for CBC it leaks equal prefixes. Error for AEAD, warning otherwise.");

    public static readonly DiagnosticDescriptor NonceReuse = Create(DiagnosticIds.NonceReuse,
        "Nonce reused for a second encryption",
        "'{0}' is used again for an encryption on '{1}' without being changed since the previous one",
        Security, DiagnosticSeverity.Warning,
        "Two encryptions with the same key and nonce break the confidentiality (and for GCM the authenticity) of both messages.");

    public static readonly DiagnosticDescriptor PredictableRandom = Create(DiagnosticIds.PredictableRandom,
        "Predictable random source used for key material",
        "The {0} passed to '{1}' comes from {2}, which is not a cryptographic random source",
        Security, DiagnosticSeverity.Error,
        "System.Random and Guid bytes are predictable; keys, IVs and nonces need RandomNumberGenerator or the type's Random() factory.");

    public static readonly DiagnosticDescriptor ConstantPersonalization = Create(DiagnosticIds.ConstantPersonalization,
        "Constant DRBG personalization string",
        "The personalization string passed to '{0}' is constant; a per-instance value (host, process, time) separates DRBG instances better",
        Security, DiagnosticSeverity.Info,
        "A personalization string should differ between DRBG instances (SP 800-90A section 8.7.1); a constant adds nothing.");

    public static readonly DiagnosticDescriptor VariableTimeComparison = Create(DiagnosticIds.VariableTimeComparison,
        "MAC, tag or digest compared in variable time",
        "This comparison of a {0} stops at the first differing byte; use CryptographicOperations.FixedTimeEquals or the type's Verify method",
        Security, DiagnosticSeverity.Warning,
        "An early-exit comparison leaks through timing how many leading bytes of a forged MAC are right, which lets an attacker build a valid MAC byte by byte.");

    public static readonly DiagnosticDescriptor AuthenticationResultIgnored = Create(DiagnosticIds.AuthenticationResultIgnored,
        "Authentication result ignored",
        "{0}",
        Security, DiagnosticSeverity.Error,
        "Ignoring a failed authentication (a discarded TryDecrypt/Verify result, or a swallowed AuthenticationTagMismatchException) accepts forged or corrupted data.");

    public static readonly DiagnosticDescriptor PlaintextAfterFailedAuthentication = Create(DiagnosticIds.PlaintextAfterFailedAuthentication,
        "Plaintext read after failed authentication",
        "'{0}' is read on the path where '{1}' returned false; its contents are not authentic",
        Security, DiagnosticSeverity.Warning,
        "After a failed authentication the plaintext buffer holds zeros or unauthenticated data; using it defeats the AEAD.");

    public static readonly DiagnosticDescriptor InsecureAlgorithm = Create(DiagnosticIds.InsecureAlgorithm,
        "Insecure algorithm",
        "'{0}' uses the kernel algorithm '{1}', which the manifest marks insecure: {2}",
        Security, DiagnosticSeverity.Warning,
        "The algorithm manifest marks this algorithm insecure; keep it only for compatibility with existing data.");

    public static readonly DiagnosticDescriptor TruncatedTag = Create(DiagnosticIds.TruncatedTag,
        "Authentication tag or MAC truncated",
        "This {0} is {1} bytes; use at least {2}",
        Security, DiagnosticSeverity.Warning,
        "Short tags and MACs make forgeries practical: an AEAD tag should be at least 12 bytes and a MAC at least 16.");

    public static readonly DiagnosticDescriptor PasswordAsKey = Create(DiagnosticIds.PasswordAsKey,
        "Password used as a key without a KDF",
        "The key passed to '{0}' is the encoded bytes of a string, directly or through a fast hash; derive keys from passwords with a slow, salted KDF (Rfc2898DeriveBytes.Pbkdf2, Argon2)",
        Security, DiagnosticSeverity.Warning,
        "The bytes of a password have little entropy and the wrong length, and a fast hash (SHA-256, MD5, HKDF) of them is as cheap to guess; a password-based KDF with a salt and many iterations is needed.");

    public static readonly DiagnosticDescriptor NotDisposed = Create(DiagnosticIds.NotDisposed,
        "TypedAlg instance not disposed",
        "'{0}' holds kernel sockets and is never disposed; use a 'using' declaration",
        Reliability, DiagnosticSeverity.Warning,
        "Each instance holds AF_ALG socket file descriptors; without Dispose they stay open until the finalizer runs, and a process can run out of descriptors.");

    public static readonly DiagnosticDescriptor FipsRequired = Create(DiagnosticIds.FipsRequired,
        "Algorithm not FIPS-approved in a project that requires FIPS",
        "'{0}' uses the kernel algorithm '{1}', which is not FIPS-approved; this project sets TypedAlgRequireFips and a kernel in FIPS mode refuses it",
        Compliance, DiagnosticSeverity.Error,
        "The project declares (MSBuild property TypedAlgRequireFips) that it must run on kernels booted with fips=1; such a kernel refuses algorithms the manifest does not mark fipsApproved, so this call would fail there at run time.");

    public static readonly DiagnosticDescriptor BackendFallbackNotAllowed = Create(DiagnosticIds.BackendFallbackNotAllowed,
        "Managed fallback where the kernel is required",
        "'{0}' {1}",
        Compliance, DiagnosticSeverity.Error,
        "A FIPS-required project (TypedAlgRequireFips) must use the kernel's FIPS-validated crypto, and an instance created from a keyring key has its key only in the kernel: neither may fall back to the managed backend (TypedAlgBackend KernelThenManaged or Managed, or a BackendPolicy argument).");

    public static readonly DiagnosticDescriptor NotServedOnTarget = Create(DiagnosticIds.NotServedOnTarget,
        "Algorithm not served where the project runs",
        "'{0}' ({1}) will not work where this project runs: {2}",
        Reliability, DiagnosticSeverity.Warning,
        "The project says where it will run (MSBuild properties TypedAlgTargetKernels, TypedAlgAfAlgRestrict, TypedAlgUnprivileged); the manifest's measured availability ([KernelAlgorithm] Kernels, RestrictedAccess, MinimumKernel) says the kernel or its AF_ALG policy refuses this algorithm there, so the call would throw at run time.");

    public static readonly DiagnosticDescriptor InvalidTargetProperty = Create(DiagnosticIds.InvalidTargetProperty,
        "TypedAlg target property has a value the analyzers cannot use",
        "{0} is '{1}': {2}",
        Reliability, DiagnosticSeverity.Warning,
        "A TypedAlgTargetKernels, TypedAlgAfAlgRestrict or TypedAlgUnprivileged value could not be read, so TA0061 does not check it.",
        WellKnownDiagnosticTags.CompilationEnd);
}
