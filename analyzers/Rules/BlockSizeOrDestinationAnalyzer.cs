namespace TypedAlg.Analyzers;

/// <summary>
/// TA0002: a constant-length input that is not a multiple of [BlockMultiple], or a constant destination shorter than
/// [MinimumLengthFrom] requires.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockSizeOrDestinationAnalyzer : ArgumentRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.BlockSizeOrDestination);

    internal override void Analyze(OperationAnalysisContext context, IArgumentOperation argument, ParameterInfo info,
        IMethodSymbol method, Annotations annotations)
    {
        if (info.BlockMultiple == 0 && info.MinimumLengthFrom is null)
        {
            return;
        }

        if (ConstantData.Length(argument.Value, annotations) is not { } length)
        {
            return;
        }

        var name = argument.Parameter!.Name;
        if (info.BlockMultiple > 0 && length % info.BlockMultiple != 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockSizeOrDestination, argument.Value.Syntax.GetLocation(),
                $"'{name}' of '{OperationHelpers.Display(method)}' must be a multiple of the {info.BlockMultiple}-byte block size, but this argument is {length} bytes"));
            return;
        }

        if (info.MinimumLengthFrom is { } from && Sibling(argument, from) is { } source &&
            ConstantData.Length(source.Value, annotations) is { } sourceLength && length < sourceLength + info.MinimumLengthExtra)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockSizeOrDestination, argument.Value.Syntax.GetLocation(),
                $"'{name}' of '{OperationHelpers.Display(method)}' must hold at least {sourceLength + info.MinimumLengthExtra} bytes, but this argument is {length} bytes"));
        }
    }

    private static IArgumentOperation? Sibling(IArgumentOperation argument, string parameterName)
    {
        var arguments = argument.Parent switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        foreach (var other in arguments)
        {
            if (other.Parameter?.Name == parameterName)
            {
                return other;
            }
        }

        return null;
    }
}
