namespace TypedAlg.Analyzers;

internal static class DiagnosticIds
{
}
