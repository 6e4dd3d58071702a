using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedAlg.Generator.Model;

/// <summary>
/// A place in a manifest file, kept as plain values (a <see cref="Location"/> is not equatable by
/// value and would defeat caching).
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan Lines)
{
    public Location ToLocation() => Location.Create(FilePath, Span, Lines);
}
