namespace TypedAlg.CodeFixes;

/// <summary>Code fix titles (also the equivalence keys, so fix-all groups them).</summary>
internal static class CodeFixTitles
{
    public const string UseRandomNonce = "Use a fresh random value (Random())";
    public const string UseFixedTimeEquals = "Use CryptographicOperations.FixedTimeEquals";
    public const string CheckAuthenticationResult = "Throw when authentication fails";
    public const string UseFullLengthTag = "Use the full-length tag/MAC";
    public const string AddUsing = "Add 'using'";
    public const string UseServedClass = "Use {0}, which the target serves (its output differs from {1}'s)";
}
