namespace TypedAlg.Generator.Model;

/// <summary>The parse result of one manifest file: the valid entries and every diagnostic found.</summary>
internal sealed record ManifestSpec(EquatableArray<AlgorithmSpec> Algorithms, EquatableArray<DiagnosticInfo> Diagnostics);
