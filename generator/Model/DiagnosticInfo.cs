using Microsoft.CodeAnalysis;

namespace TypedAlg.Generator.Model;

/// <summary>A manifest diagnostic waiting to be reported, as plain values.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo Location, EquatableArray<string> MessageArgs)
{
    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(Descriptor, Location.ToLocation(), MessageArgs.AsImmutableArray().ToArray<object?>());
}
