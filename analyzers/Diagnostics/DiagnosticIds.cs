namespace TypedAlg.Analyzers;

/// <summary>Every TypedAlg diagnostic ID, in one place. Docs: docs/rules/&lt;ID&gt;.md.</summary>
internal static class DiagnosticIds
{
    public const string InvalidConstantLength = "TA0001";
    public const string BlockSizeOrDestination = "TA0002";
    public const string HardCodedKey = "TA0010";
    public const string ConstantNonce = "TA0011";
    public const string NonceReuse = "TA0012";
    public const string PredictableRandom = "TA0013";
    public const string ConstantPersonalization = "TA0014";
    public const string VariableTimeComparison = "TA0020";
    public const string AuthenticationResultIgnored = "TA0021";
    public const string PlaintextAfterFailedAuthentication = "TA0022";
    public const string InsecureAlgorithm = "TA0030";
    public const string TruncatedTag = "TA0031";
    public const string PasswordAsKey = "TA0040";
    public const string NotDisposed = "TA0050";

    // Reads KernelAlgorithmAttribute.FipsApproved and the compiler-visible MSBuild property build_property.TypedAlgRequireFips.
    public const string FipsRequired = "TA0060";

    // Reads KernelAlgorithmAttribute.Kernels/RestrictedAccess/MinimumKernel and build_property.TypedAlgTargetKernels,
    // TypedAlgAfAlgRestrict and TypedAlgUnprivileged.
    public const string NotServedOnTarget = "TA0061";
    public const string InvalidTargetProperty = "TA0062";

    // Reads build_property.TypedAlgBackend and TypedAlgRequireFips, BackendPolicy arguments and FromKeyring calls.
    public const string BackendFallbackNotAllowed = "TA0063";
}
