namespace TypedAlg.Analyzers;

/// <summary>
/// TA0063: a managed fallback where it must not happen. In a project with <c>TypedAlgRequireFips</c> true, every use of
/// a TypedAlg class that would follow a fallback <c>TypedAlgBackend</c> (KernelThenManaged, Managed), and every
/// <c>BackendPolicy.KernelThenManaged</c>/<c>Managed</c> argument; in any project whose <c>TypedAlgBackend</c> is a
/// fallback policy, every <c>FromKeyring</c> call (a keyring instance never falls back).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BackendFallbackAnalyzer : TypedAlgAnalyzer
{
    /// <summary>The compiler-visible MSBuild property (buildTransitive/TypedAlg.props declares it visible).</summary>
    internal const string BackendProperty = "build_property.TypedAlgBackend";

    // BackendPolicy's values (runtime/Backends/BackendPolicy.cs): Kernel = 0, KernelThenManaged = 1, Managed = 2.
    private const int KernelPolicy = 0;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.BackendFallbackNotAllowed);

    internal override void Register(CompilationStartAnalysisContext context, Annotations annotations)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var fips = options.TryGetValue(FipsRequiredAnalyzer.RequireFipsProperty, out var fipsValue) &&
            bool.TryParse(fipsValue.Trim(), out var required) && required;
        var projectPolicy = options.TryGetValue(BackendProperty, out var backendValue) ? backendValue.Trim() : string.Empty;
        var projectFallsBack = projectPolicy.Equals("KernelThenManaged", StringComparison.OrdinalIgnoreCase) ||
            projectPolicy.Equals("Managed", StringComparison.OrdinalIgnoreCase);
        if (!fips && !projectFallsBack)
        {
            return;
        }

        AlgorithmUses.Register(context, annotations, (c, algorithm) =>
        {
            var name = algorithm.Type.Name;
            if (c.Operation is IInvocationOperation { TargetMethod.Name: "FromKeyring" })
            {
                if (projectFallsBack)
                {
                    Report(c, c.Operation, name,
                        $"is created from a keyring key, which never leaves the kernel, in a project whose TypedAlgBackend is {projectPolicy}: a keyring instance never falls back. " +
                        "Keep TypedAlgBackend Kernel and choose the fallback per instance where it is allowed, e.g. new " + name + "(key, BackendPolicy.KernelThenManaged)");
                }

                return;
            }

            if (!fips)
            {
                return;
            }

            var policyArgument = c.Operation is IObjectCreationOperation creation
                ? creation.Arguments.FirstOrDefault(a => a.Parameter?.Type.Name == "BackendPolicy" && a.ArgumentKind != ArgumentKind.DefaultValue)
                : null;
            if (policyArgument is not null)
            {
                if (policyArgument.Value.ConstantValue is not { HasValue: true, Value: KernelPolicy })
                {
                    Report(c, policyArgument, name,
                        "is given a BackendPolicy other than BackendPolicy.Kernel in a project that sets TypedAlgRequireFips: the managed backend is not the FIPS-validated kernel. Pass BackendPolicy.Kernel");
                }
            }
            else if (projectFallsBack)
            {
                Report(c, c.Operation, name,
                    $"would follow TypedAlgBackend {projectPolicy} in a project that sets TypedAlgRequireFips: the managed backend is not the FIPS-validated kernel. Remove TypedAlgBackend (Kernel is the default)");
            }
        });
    }

    private static void Report(OperationAnalysisContext context, IOperation at, string type, string why)
        => context.ReportDiagnostic(Diagnostic.Create(Descriptors.BackendFallbackNotAllowed, at.Syntax.GetLocation(), type, why));
}
