using System.Collections.Concurrent;
using TypedAlg.Annotations;
using TypedAlg.Manifest;

namespace TypedAlg.Analyzers;

/// <summary>
/// TA0061: in a project that says where it will run (TypedAlgTargetKernels, TypedAlgAfAlgRestrict,
/// TypedAlgUnprivileged), a class is used that one of those kernels or policies will not serve, according to the
/// manifest's measured availability in its [KernelAlgorithm]. TA0062: one of those properties cannot be read.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TargetAvailabilityAnalyzer : TypedAlgAnalyzer
{
    /// <summary>Diagnostic property: the class the code fix puts in place of the flagged one.</summary>
    internal const string ReplacementProperty = "Replacement";

    /// <summary>Diagnostic property (with <see cref="ReplacementProperty"/>): the flagged class, for the fix's title.</summary>
    internal const string FlaggedProperty = "Flagged";

    // Where one algorithm stands in for another with the same API shape (key, nonce and tag sizes are checked by
    // the compiler after the fix). Its output differs: the fix title says so.
    private static readonly Dictionary<string, string> Replacements = new() { ["gcm(aes)"] = "ccm(aes)" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.NotServedOnTarget, Descriptors.InvalidTargetProperty);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations)
    {
        var target = DeploymentTarget.Read(context.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
        if (target.Problems.Length > 0)
        {
            context.RegisterCompilationEndAction(c =>
            {
                foreach (var (property, value, problem) in target.Problems)
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidTargetProperty, Location.None, property, value, problem));
            });
        }

        if (!target.IsSet)
            return;

        var replacements = new ConcurrentDictionary<INamedTypeSymbol, INamedTypeSymbol?>(SymbolEqualityComparer.Default);
        AlgorithmUses.Register(context, annotations, (c, algorithm) =>
        {
            if (WhyNot(algorithm, target) is not { } reason)
                return;

            var replacement = replacements.GetOrAdd(algorithm.Type, _ => FindReplacement(algorithm, target, annotations));
            var properties = replacement is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, replacement.Name).Add(FlaggedProperty, algorithm.Type.Name);
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.NotServedOnTarget, c.Operation.Syntax.GetLocation(), properties,
                algorithm.Type.Name, algorithm.Name, reason));
        });
    }

    /// <summary>Why the algorithm will not work on the target, the first reason found; null when nothing says it will not.</summary>
    internal static string? WhyNot(AlgorithmInfo algorithm, DeploymentTarget target)
    {
        foreach (var kernel in target.Kernels)
        {
            if (KernelMatrix.Parse(algorithm.MinimumKernel) is { } minimum && KernelMatrix.Compare(KernelMatrix.Parse(kernel)!.Value, minimum) < 0)
                return $"Linux {kernel} (TypedAlgTargetKernels) is older than {algorithm.MinimumKernel}, the first kernel with it";

            var measuredAs = KernelMatrix.MeasuredAs(kernel);
            if (algorithm.Kernels is { } served && measuredAs is not null && !served.Contains(measuredAs))
            {
                var measured = measuredAs == kernel ? "" : $" (as measured on {measuredAs})";
                return algorithm.KernelType == KernelAlgorithmType.Rng
                    ? $"Linux {kernel} (TypedAlgTargetKernels) registers no DRBG{measured}: Linux 7.2 removed them from AF_ALG; use System.Security.Cryptography.RandomNumberGenerator"
                    : $"Linux {kernel} (TypedAlgTargetKernels) does not serve it{measured}; the kernels measured to serve it are {(served.Length == 0 ? "none" : string.Join(", ", served))}";
            }
        }

        var policy = target.RestrictIsDefault
            ? $"crypto.af_alg_restrict=1, the default of Linux {KernelMatrix.FirstRestrictingVersion} (TypedAlgTargetKernels)"
            : $"crypto.af_alg_restrict={target.Restrict} (TypedAlgAfAlgRestrict)";
        return target.Restrict switch
        {
            2 => $"{policy} switches AF_ALG off for every process",
            1 when algorithm.RestrictedAccess == RestrictedAccess.Refused
                => $"{policy} refuses it to every process; machines that need it must set crypto.af_alg_restrict=0",
            1 when algorithm.RestrictedAccess == RestrictedAccess.Privileged && target.Unprivileged
                => $"{policy} lets only processes with CAP_NET_ADMIN or CAP_SYS_ADMIN bind it, and this project runs without them (TypedAlgUnprivileged)",
            _ => null,
        };
    }

    // A class of the same namespace that binds the stand-in algorithm and works on the target.
    private static INamedTypeSymbol? FindReplacement(AlgorithmInfo algorithm, DeploymentTarget target, Annotations annotations)
    {
        if (!Replacements.TryGetValue(algorithm.Name, out var name))
            return null;
        return algorithm.Type.ContainingNamespace.GetTypeMembers()
            .Select(t => annotations.GetAlgorithm(t, searchContainingTypes: false))
            .FirstOrDefault(a => a is not null && a.Name == name && a.KernelType == algorithm.KernelType && WhyNot(a, target) is null)?.Type;
    }
}
