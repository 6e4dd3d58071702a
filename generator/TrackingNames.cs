namespace TypedAlg.Generator;

/// <summary>Names of the tracked pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    /// <summary>Manifest files picked from AdditionalFiles.</summary>
    public const string ManifestFiles = nameof(ManifestFiles);

    /// <summary>One parsed manifest (entries plus diagnostics).</summary>
    public const string ParsedManifest = nameof(ParsedManifest);

    /// <summary>One algorithm entry, the unit of regeneration.</summary>
    public const string Algorithms = nameof(Algorithms);

    /// <summary>Manifest diagnostics.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The project's backend policy and whether TypedAlg.Managed is referenced.</summary>
    public const string Backend = nameof(Backend);
}
