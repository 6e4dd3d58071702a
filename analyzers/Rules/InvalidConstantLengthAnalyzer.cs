namespace TypedAlg.Analyzers;

/// <summary>TA0001: a constant-length argument whose length [ByteLength] does not allow; invalid FromHex literals.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidConstantLengthAnalyzer : ArgumentRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.InvalidConstantLength);

    internal override void Analyze(OperationAnalysisContext context, IArgumentOperation argument, ParameterInfo info,
        IMethodSymbol method, Annotations annotations)
    {
        if (info.AllowedLengths is not { } allowed)
        {
            return;
        }

        var what = $"The {info.Material.Describe()} for '{OperationHelpers.Display(method)}'";
        string? actual = null;
        if (argument.Parameter!.Type.SpecialType == SpecialType.System_String)
        {
            // FromHex: [ByteLength] counts bytes; a hex string has two characters per byte.
            if (argument.Value.ConstantValue is { HasValue: true, Value: string hex })
            {
                var bytes = ConstantData.HexLength(hex);
                if (bytes is null)
                {
                    actual = hex.Length % 2 != 0
                        ? $"{hex.Length} hex digits (an odd number)"
                        : "not hexadecimal";
                }
                else if (!allowed.Contains(bytes.Value))
                {
                    actual = $"{bytes} bytes ({hex.Length} hex digits)";
                }
            }
        }
        else if (ConstantData.Length(argument.Value, annotations) is { } length && !allowed.Contains(length))
        {
            actual = length == 1 ? "1 byte" : $"{length} bytes";
        }

        if (actual is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidConstantLength,
                argument.Value.Syntax.GetLocation(), what, Lengths(allowed), actual));
        }
    }

    internal static string Lengths(ImmutableArray<int> allowed)
    {
        var sorted = allowed.Distinct().OrderBy(n => n).ToArray();
        var text = sorted.Length switch
        {
            1 => sorted[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => string.Join(", ", sorted.Take(sorted.Length - 1)) + " or " + sorted[sorted.Length - 1],
        };
        return text + (sorted.Length == 1 && sorted[0] == 1 ? " byte" : " bytes");
    }
}
