using Microsoft.CodeAnalysis;

namespace TypedAlg.Generator;

/// <summary>Reads algorithm manifests and emits one typed class per algorithm.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class AlgorithmGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
