namespace TypedAlg.Analyzers;

/// <summary>
/// TA0040: Encoding.*.GetBytes(string) of a non-constant string flows into a key, directly or through a fast hash
/// (SHA-*, MD5, HKDF, a TypedAlg unkeyed hash): none of those is a password-based KDF.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PasswordAsKeyAnalyzer : ArgumentRule
{
    private const int MaxDepth = 10;
    private const string CryptographyNamespace = "System.Security.Cryptography";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PasswordAsKey);

    internal override void Analyze(OperationAnalysisContext context, IArgumentOperation argument, ParameterInfo info,
        IMethodSymbol method, Annotations annotations)
    {
        if (info.Material == Material.Key && IsPasswordData(argument.Value, annotations, 0))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.PasswordAsKey, argument.Value.Syntax.GetLocation(),
                OperationHelpers.Display(method)));
        }
    }

    /// <summary>The encoded bytes of a runtime string, or a fast (unsalted, uniterated) hash of them.</summary>
    private static bool IsPasswordData(IOperation operation, Annotations annotations, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        operation = OperationHelpers.Unwrap(operation);
        switch (operation)
        {
            case IInvocationOperation { TargetMethod.Name: "GetBytes", Arguments.Length: 1 } getBytes when IsEncoding(getBytes.TargetMethod.ContainingType, annotations):
                var text = getBytes.Arguments[0].Value;
                // A literal is TA0010's business (hard-coded key); here: a runtime string such as a password.
                return !text.ConstantValue.HasValue && OperationHelpers.Unwrap(text).Type?.SpecialType == SpecialType.System_String;
            case IInvocationOperation { TargetMethod.Name: "AsSpan" or "AsMemory" or "Slice" or "ToArray" } view:
                var receiver = view.Instance ?? (view.TargetMethod.IsExtensionMethod && view.Arguments.Length > 0 ? view.Arguments[0].Value : null);
                return receiver is not null && IsPasswordData(receiver, annotations, depth + 1);
            case IInvocationOperation invocation:
                return IsFastHashOfPassword(invocation, annotations, depth + 1);
            case IImplicitIndexerReferenceOperation indexer:
                return IsPasswordData(indexer.Instance, annotations, depth + 1);
            case ILocalReferenceOperation local:
                return (OperationHelpers.SingleDefinition(local.Local, local) is { } definition &&
                        IsPasswordData(definition, annotations, depth + 1)) ||
                       IsHashDestination(local, annotations, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>
    /// A call that computes a fast hash whose input is password data: the static one-shot hashes (SHA256.HashData,
    /// MD5.HashData, CryptographicOperations.HashData, HKDF.*, a TypedAlg unkeyed hash), HashAlgorithm.ComputeHash,
    /// or the result of an incremental hash (IncrementalHash.CreateHash, a TypedAlg hash instance) that was fed
    /// password data. Keyed MACs (HMAC*, IncrementalHash.CreateHMAC) and every other method are not followed.
    /// </summary>
    private static bool IsFastHashOfPassword(IInvocationOperation invocation, Annotations annotations, int depth)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (!IsFastHashMethod(method, annotations))
        {
            return false;
        }

        if (AnyInputIsPasswordData(invocation, annotations, depth))
        {
            return true;
        }

        // An incremental hash's result (a call with no input: GetHashAndReset, GetCurrentHash): was the same local
        // fed password data (AppendData, Append)? A one-shot ComputeHash(input) is judged by its input alone.
        return !method.IsStatic && OnlyDestinations(invocation) && invocation.Instance is ILocalReferenceOperation receiver &&
               IsUnkeyedIncrementalLocal(receiver, type, annotations) &&
               LocalWasFedPasswordData(receiver, annotations, depth);
    }

    private static bool IsFastHashMethod(IMethodSymbol method, Annotations annotations)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (annotations.GetAlgorithm(type) is { KernelType: TypedAlg.Annotations.KernelAlgorithmType.Hash } algorithm)
        {
            return IsUnkeyedTypedAlgHash(algorithm.Type, annotations);
        }

        if (type.ContainingNamespace?.ToDisplayString() != CryptographyNamespace)
        {
            return false;
        }

        return type.Name switch
        {
            // HKDF is fast by design (RFC 5869 section 4: not for low-entropy input such as passwords).
            "HKDF" => method.IsStatic,
            "CryptographicOperations" => method.Name is "HashData" or "HashDataAsync" or "TryHashData",
            "IncrementalHash" => method.Name is "GetHashAndReset" or "GetCurrentHash",
            _ => IsUnkeyedHashAlgorithm(type) &&
                 (method.IsStatic ? method.Name is "HashData" or "HashDataAsync" or "TryHashData" : method.Name is "ComputeHash" or "ComputeHashAsync"),
        };
    }

    /// <summary>The arguments that are inputs: everything except writable destinations (Span&lt;byte&gt;, Memory&lt;byte&gt;).</summary>
    private static bool AnyInputIsPasswordData(IInvocationOperation invocation, Annotations annotations, int depth)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && !IsDestination(argument) &&
                IsPasswordData(argument.Value, annotations, depth))
            {
                return true;
            }
        }

        return false;
    }

    private static bool OnlyDestinations(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (!IsDestination(argument))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDestination(IArgumentOperation argument) =>
        argument.Parameter?.Type is INamedTypeSymbol { IsGenericType: true } named &&
        named.OriginalDefinition.ToDisplayString() is "System.Span<T>" or "System.Memory<T>";

    /// <summary>A local buffer that a fast hash of password data writes into (SHA256.HashData(password, buffer)).</summary>
    private static bool IsHashDestination(ILocalReferenceOperation local, Annotations annotations, int depth)
    {
        foreach (var reference in OperationHelpers.References(local.Local, local))
        {
            if (OperationHelpers.ParentSkippingConversions(reference, out _) is IArgumentOperation argument &&
                IsDestination(argument) && argument.Parent is IInvocationOperation invocation &&
                IsFastHashMethod(invocation.TargetMethod, annotations) &&
                AnyInputIsPasswordData(invocation, annotations, depth))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnkeyedIncrementalLocal(ILocalReferenceOperation receiver, INamedTypeSymbol type, Annotations annotations)
    {
        if (type.Name != "IncrementalHash")
        {
            // A HashAlgorithm or a TypedAlg hash: the type already said it is unkeyed.
            return true;
        }

        // IncrementalHash.CreateHash, not CreateHMAC.
        return OperationHelpers.SingleDefinition(receiver.Local, receiver) is { } definition &&
               OperationHelpers.Unwrap(definition) is IInvocationOperation { TargetMethod.Name: "CreateHash" };
    }

    private static bool LocalWasFedPasswordData(ILocalReferenceOperation receiver, Annotations annotations, int depth)
    {
        foreach (var reference in OperationHelpers.References(receiver.Local, receiver))
        {
            if (reference.Parent is IInvocationOperation fed && fed.Instance == reference &&
                AnyInputIsPasswordData(fed, annotations, depth))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>HashAlgorithm (SHA256, MD5, ...) but not KeyedHashAlgorithm (HMACSHA256, ...).</summary>
    private static bool IsUnkeyedHashAlgorithm(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.ContainingNamespace?.ToDisplayString() == CryptographyNamespace)
            {
                if (t.Name == "KeyedHashAlgorithm")
                {
                    return false;
                }

                if (t.Name == "HashAlgorithm")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A TypedAlg hash class none of whose constructors or methods takes a key (Sha256, not HmacSha256).</summary>
    private static bool IsUnkeyedTypedAlgHash(INamedTypeSymbol type, Annotations annotations)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol m)
            {
                foreach (var parameter in m.Parameters)
                {
                    if (annotations.GetParameter(parameter).Material == Material.Key)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static bool IsEncoding(ITypeSymbol? type, Annotations annotations)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, annotations.Encoding))
            {
                return true;
            }
        }

        return false;
    }
}
