namespace TypedAlg.Analyzers;

/// <summary>What a parameter's annotations say (contracts.md section 2).</summary>
internal sealed class ParameterInfo
{
    public static readonly ParameterInfo Empty = new(Materials.None, null, 0, 0, null, 0);

    public ParameterInfo(Material material, ImmutableArray<int>? allowedLengths, int minimumLength, int blockMultiple,
        string? minimumLengthFrom, int minimumLengthExtra)
    {
        Material = material;
        AllowedLengths = allowedLengths;
        MinimumLength = minimumLength;
        BlockMultiple = blockMultiple;
        MinimumLengthFrom = minimumLengthFrom;
        MinimumLengthExtra = minimumLengthExtra;
    }

    /// <summary>The role: [CryptoMaterial] on the parameter, else the role of its type.</summary>
    public Material Material { get; }

    /// <summary>[ByteLength(a, b, ...)]; null when absent or when only a minimum is given.</summary>
    public ImmutableArray<int>? AllowedLengths { get; }

    /// <summary>[ByteLength(Minimum = n)].</summary>
    public int MinimumLength { get; }

    /// <summary>[BlockMultiple(n)], 0 when absent.</summary>
    public int BlockMultiple { get; }

    /// <summary>[MinimumLengthFrom("other")].</summary>
    public string? MinimumLengthFrom { get; }

    /// <summary>[MinimumLengthFrom(..., Extra = n)].</summary>
    public int MinimumLengthExtra { get; }

    public bool IsEmpty => Material == Materials.None && AllowedLengths is null && BlockMultiple == 0 && MinimumLengthFrom is null;
}
