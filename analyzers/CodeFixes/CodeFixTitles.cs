namespace TypedAlg.CodeFixes;

internal static class CodeFixTitles
{
}
