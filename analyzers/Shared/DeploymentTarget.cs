using TypedAlg.Manifest;

namespace TypedAlg.Analyzers;

/// <summary>
/// Where a project says it will run, from its MSBuild properties (made compiler-visible by the package's
/// buildTransitive/TypedAlg.props): the kernels, the AF_ALG policy level and whether it runs without
/// CAP_NET_ADMIN/CAP_SYS_ADMIN. Read once per compilation by TA0061.
/// </summary>
internal sealed class DeploymentTarget
{
    public const string KernelsProperty = "TypedAlgTargetKernels";
    public const string RestrictProperty = "TypedAlgAfAlgRestrict";
    public const string UnprivilegedProperty = "TypedAlgUnprivileged";

    private DeploymentTarget(ImmutableArray<string> kernels, int? restrict, bool restrictIsDefault, bool unprivileged,
        ImmutableArray<(string Property, string Value, string Problem)> problems)
    {
        Kernels = kernels;
        Restrict = restrict;
        RestrictIsDefault = restrictIsDefault;
        Unprivileged = unprivileged;
        Problems = problems;
    }

    /// <summary>The kernel versions of TypedAlgTargetKernels that could be read, as written.</summary>
    public ImmutableArray<string> Kernels { get; }

    /// <summary>The af_alg_restrict level the code must work under; null when no policy applies.</summary>
    public int? Restrict { get; }

    /// <summary>True when <see cref="Restrict"/> is not the project's but the default of a targeted kernel (7.3 and later).</summary>
    public bool RestrictIsDefault { get; }

    public bool Unprivileged { get; }

    /// <summary>Values that could not be read (TA0062).</summary>
    public ImmutableArray<(string Property, string Value, string Problem)> Problems { get; }

    /// <summary>Whether the project said anything TA0061 can check: without a target kernel or a policy level, nothing fires.</summary>
    public bool IsSet => Kernels.Length > 0 || Restrict is not null;

    public static DeploymentTarget Read(AnalyzerConfigOptions options)
    {
        var problems = new List<(string, string, string)>();
        var kernels = new List<string>();
        if (Get(options, KernelsProperty) is { } kernelList)
        {
            foreach (var item in kernelList.Split(new[] { ';', ',' }).Select(k => k.Trim()).Where(k => k.Length > 0))
            {
                if (KernelMatrix.Parse(item) is null)
                    problems.Add((KernelsProperty, item, "expected kernel versions such as 6.12;7.3"));
                else if (KernelMatrix.MeasuredAs(item) is null)
                    problems.Add((KernelsProperty, item, $"older than the oldest measured kernel ({KernelMatrix.Versions[0]}); nothing is known about it"));
                else if (!kernels.Contains(item))
                    kernels.Add(item);
            }
        }

        int? restrict = null;
        if (Get(options, RestrictProperty) is { } restrictText)
        {
            if (restrictText is "0" or "1" or "2")
                restrict = restrictText[0] - '0';
            else
                problems.Add((RestrictProperty, restrictText, "expected 0, 1 or 2 (the value of crypto.af_alg_restrict)"));
        }

        var unprivileged = false;
        if (Get(options, UnprivilegedProperty) is { } unprivilegedText && !bool.TryParse(unprivilegedText, out unprivileged))
            problems.Add((UnprivilegedProperty, unprivilegedText, "expected true or false"));

        // A kernel that restricts AF_ALG by default does so unless the project says which level its machines set.
        var restrictIsDefault = false;
        var firstRestricting = KernelMatrix.Parse(KernelMatrix.FirstRestrictingVersion)!.Value;
        if (restrict is null && kernels.Any(k => KernelMatrix.Compare(KernelMatrix.Parse(k)!.Value, firstRestricting) >= 0))
        {
            restrict = KernelMatrix.DefaultRestrictLevel;
            restrictIsDefault = true;
        }

        return new DeploymentTarget(kernels.ToImmutableArray(), restrict, restrictIsDefault, unprivileged, problems.ToImmutableArray());
    }

    private static string? Get(AnalyzerConfigOptions options, string property) =>
        options.TryGetValue("build_property." + property, out var value) && value.Trim().Length > 0 ? value.Trim() : null;
}
