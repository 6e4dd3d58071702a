using System.Collections.Concurrent;
using TypedAlg.Annotations;

namespace TypedAlg.Analyzers;

/// <summary>
/// Reads the TypedAlg annotations (runtime/Annotations) for one compilation, with caches. The only place that knows
/// the attribute names. Created at compilation start; null when the compilation does not reference TypedAlg.
/// </summary>
internal sealed class Annotations
{
    private const string Namespace = "TypedAlg.Annotations.";

    private readonly INamedTypeSymbol _cryptoMaterial;
    private readonly INamedTypeSymbol? _byteLength;
    private readonly INamedTypeSymbol? _blockMultiple;
    private readonly INamedTypeSymbol? _minimumLengthFrom;
    private readonly INamedTypeSymbol? _authenticationResult;
    private readonly INamedTypeSymbol? _mustDispose;
    private readonly INamedTypeSymbol? _kernelAlgorithm;

    private readonly ConcurrentDictionary<IParameterSymbol, ParameterInfo> _parameters = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, Material> _typeRoles = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, AlgorithmInfo?> _algorithms = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _annotatedMethods = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _typedAlgTypes = new(SymbolEqualityComparer.Default);

    private Annotations(Compilation compilation, INamedTypeSymbol cryptoMaterial)
    {
        _cryptoMaterial = cryptoMaterial;
        _byteLength = compilation.GetTypeByMetadataName(Namespace + "ByteLengthAttribute");
        _blockMultiple = compilation.GetTypeByMetadataName(Namespace + "BlockMultipleAttribute");
        _minimumLengthFrom = compilation.GetTypeByMetadataName(Namespace + "MinimumLengthFromAttribute");
        _authenticationResult = compilation.GetTypeByMetadataName(Namespace + "AuthenticationResultAttribute");
        _mustDispose = compilation.GetTypeByMetadataName(Namespace + "MustDisposeAttribute");
        _kernelAlgorithm = compilation.GetTypeByMetadataName(Namespace + "KernelAlgorithmAttribute");
        Random = compilation.GetTypeByMetadataName("System.Random");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        Convert = compilation.GetTypeByMetadataName("System.Convert");
        Encoding = compilation.GetTypeByMetadataName("System.Text.Encoding");
        MemoryExtensions = compilation.GetTypeByMetadataName("System.MemoryExtensions");
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        String = compilation.GetSpecialType(SpecialType.System_String);
        AuthenticationTagMismatchException = compilation.GetTypeByMetadataName("System.Security.Cryptography.AuthenticationTagMismatchException");
    }

    public INamedTypeSymbol? Random { get; }
    public INamedTypeSymbol? Guid { get; }
    public INamedTypeSymbol? Convert { get; }
    public INamedTypeSymbol? Encoding { get; }
    public INamedTypeSymbol? MemoryExtensions { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol String { get; }
    public INamedTypeSymbol? AuthenticationTagMismatchException { get; }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, Annotations?[]> Shared = new();

    /// <summary>
    /// Null when the compilation does not reference TypedAlg's annotations: then no rule registers anything.
    /// One instance (and one set of caches) per compilation, shared by every rule.
    /// </summary>
    public static Annotations? TryCreate(Compilation compilation) =>
        Shared.GetValue(compilation, c =>
        {
            var cryptoMaterial = c.GetTypeByMetadataName(Namespace + "CryptoMaterialAttribute");
            return new[] { cryptoMaterial is null ? null : new Annotations(c, cryptoMaterial) };
        })[0];

    /// <summary>
    /// Whether the type is (or is nested in) a class with [KernelAlgorithm]: the only places annotated members live.
    /// A cheap first filter for every argument and invocation in the compilation.
    /// </summary>
    public bool IsTypedAlgType(INamedTypeSymbol? type) =>
        type is not null && _kernelAlgorithm is not null &&
        _typedAlgTypes.GetOrAdd(type.OriginalDefinition, t => GetAlgorithm(t) is not null);

    public ParameterInfo GetParameter(IParameterSymbol parameter) => _parameters.GetOrAdd(parameter, ReadParameter);

    /// <summary>Whether any parameter of the method carries an annotation (cheap filter for invocations).</summary>
    public bool HasAnnotatedParameters(IMethodSymbol method) =>
        _annotatedMethods.GetOrAdd(method, m =>
        {
            foreach (var p in m.Parameters)
            {
                if (!GetParameter(p).IsEmpty)
                {
                    return true;
                }
            }

            return false;
        });

    /// <summary>
    /// The role of a generated nested value type: the [CryptoMaterial] on the first parameter of its static Create.
    /// </summary>
    public Material GetTypeRole(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct or TypeKind.Class } named || named.SpecialType != SpecialType.None)
        {
            return Materials.None;
        }

        return _typeRoles.GetOrAdd(named, t => ReadTypeRole((INamedTypeSymbol)t));
    }

    /// <summary>The [KernelAlgorithm] of the type or of the nearest containing type that has one.</summary>
    public AlgorithmInfo? GetAlgorithm(INamedTypeSymbol? type, bool searchContainingTypes = true)
    {
        for (var t = type; t is not null; t = searchContainingTypes ? t.ContainingType : null)
        {
            var info = _algorithms.GetOrAdd(t, ReadAlgorithm);
            if (info is not null)
            {
                return info;
            }
        }

        return null;
    }

    public bool IsAuthenticationResult(IMethodSymbol method) =>
        _authenticationResult is not null && HasAttribute(method.OriginalDefinition.GetAttributes(), _authenticationResult);

    public bool MustDispose(ITypeSymbol? type) =>
        _mustDispose is not null && type is INamedTypeSymbol named && HasAttribute(named.GetAttributes(), _mustDispose);

    /// <summary>[return: CryptoMaterial] on a method, else the role of its return type.</summary>
    public Material GetReturnRole(IMethodSymbol method)
    {
        foreach (var attribute in method.GetReturnTypeAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _cryptoMaterial))
            {
                return ReadMaterial(attribute);
            }
        }

        return GetTypeRole(method.ReturnType);
    }

    /// <summary>[CryptoMaterial] on a field or property.</summary>
    public Material GetMemberRole(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _cryptoMaterial))
            {
                return ReadMaterial(attribute);
            }
        }

        return member switch
        {
            IFieldSymbol f => GetTypeRole(f.Type),
            IPropertySymbol p => GetTypeRole(p.Type),
            _ => Materials.None,
        };
    }

    private Material ReadTypeRole(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers("Create"))
        {
            if (member is IMethodSymbol { IsStatic: true, Parameters.Length: > 0 } create)
            {
                var role = ReadOwnMaterial(create.Parameters[0]);
                if (role != Materials.None)
                {
                    return role;
                }
            }
        }

        return Materials.None;
    }

    private AlgorithmInfo? ReadAlgorithm(INamedTypeSymbol type)
    {
        if (_kernelAlgorithm is null)
        {
            return null;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _kernelAlgorithm) ||
                attribute.ConstructorArguments.Length < 2)
            {
                continue;
            }

            var name = attribute.ConstructorArguments[0].Value as string ?? "";
            var kernelType = attribute.ConstructorArguments[1].Value is int k ? (KernelAlgorithmType)k : 0;
            string? insecure = null, minimumKernel = null;
            var fips = false;
            ImmutableArray<string>? kernels = null;
            var access = RestrictedAccess.Unknown;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "InsecureReason":
                        insecure = named.Value.Value as string;
                        break;
                    case "FipsApproved" when named.Value.Value is bool b:
                        fips = b;
                        break;
                    case "MinimumKernel":
                        minimumKernel = named.Value.Value as string;
                        break;
                    case "Kernels" when named.Value.Kind == TypedConstantKind.Array && !named.Value.IsNull:
                        kernels = named.Value.Values.Select(v => v.Value as string).Where(v => v is not null).ToImmutableArray()!;
                        break;
                    case "RestrictedAccess" when named.Value.Value is int a:
                        access = (RestrictedAccess)a;
                        break;
                }
            }

            return new AlgorithmInfo(type, name, kernelType, insecure, fips, minimumKernel, kernels, access);
        }

        return null;
    }

    private ParameterInfo ReadParameter(IParameterSymbol parameter)
    {
        var material = Materials.None;
        ImmutableArray<int>? allowed = null;
        int minimum = 0, block = 0, extra = 0;
        string? from = null;
        foreach (var attribute in parameter.GetAttributes())
        {
            var cls = attribute.AttributeClass;
            if (cls is null)
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(cls, _cryptoMaterial))
            {
                material = ReadMaterial(attribute);
            }
            else if (SymbolEqualityComparer.Default.Equals(cls, _byteLength))
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array)
                {
                    var builder = ImmutableArray.CreateBuilder<int>();
                    foreach (var value in attribute.ConstructorArguments[0].Values)
                    {
                        if (value.Value is int i)
                        {
                            builder.Add(i);
                        }
                    }

                    if (builder.Count > 0)
                    {
                        allowed = builder.ToImmutable();
                    }
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Minimum" && named.Value.Value is int m)
                    {
                        minimum = m;
                    }
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(cls, _blockMultiple))
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int b && b > 0)
                {
                    block = b;
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(cls, _minimumLengthFrom))
            {
                if (attribute.ConstructorArguments.Length == 1)
                {
                    from = attribute.ConstructorArguments[0].Value as string;
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Extra" && named.Value.Value is int e)
                    {
                        extra = e;
                    }
                }
            }
        }

        if (material == Materials.None)
        {
            material = GetTypeRole(parameter.Type);
        }

        var info = new ParameterInfo(material, allowed, minimum, block, from, extra);
        return info.IsEmpty ? ParameterInfo.Empty : info;
    }

    private Material ReadOwnMaterial(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _cryptoMaterial))
            {
                return ReadMaterial(attribute);
            }
        }

        return Materials.None;
    }

    private static Material ReadMaterial(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int value &&
        value is >= (int)Material.Key and <= (int)Material.Personalization
            ? (Material)value
            : Materials.None;

    private static bool HasAttribute(ImmutableArray<AttributeData> attributes, INamedTypeSymbol attributeType)
    {
        foreach (var attribute in attributes)
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return true;
            }
        }

        return false;
    }
}
