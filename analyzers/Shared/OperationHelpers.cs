namespace TypedAlg.Analyzers;

/// <summary>Small, allocation-light helpers over the IOperation tree. Never walk whole syntax trees.</summary>
internal static class OperationHelpers
{
    /// <summary>Skips conversions and parentheses.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { Operand: { } inner }:
                    operation = inner;
                    continue;
                case IParenthesizedOperation { Operand: { } inner }:
                    operation = inner;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The parent, skipping conversions and parentheses; <paramref name="child"/> is the operation directly below it.</summary>
    public static IOperation? ParentSkippingConversions(IOperation operation, out IOperation child)
    {
        child = operation;
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>The root of the operation tree the operation sits in (the method body, or a field initializer).</summary>
    public static IOperation Root(IOperation operation)
    {
        var root = operation;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return root;
    }

    /// <summary>The symbol a reference names: local, parameter, field (static or on this), or null.</summary>
    public static ISymbol? ReferencedSymbol(IOperation operation) => Unwrap(operation) switch
    {
        ILocalReferenceOperation l => l.Local,
        IParameterReferenceOperation p => p.Parameter,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } f => f.Field,
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.Parameters.Length: 0 } p => p.Property,
        IInstanceReferenceOperation i => i.Type,
        _ => null,
    };

    /// <summary>References to a local in the operation tree that contains <paramref name="anchor"/>.</summary>
    public static IEnumerable<ILocalReferenceOperation> References(ILocalSymbol local, IOperation anchor)
    {
        foreach (var operation in Root(anchor).Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                yield return reference;
            }
        }
    }

    /// <summary>Whether this reference assigns the variable itself (not its contents).</summary>
    public static bool IsVariableWrite(IOperation reference)
    {
        var parent = ParentSkippingConversions(reference, out var child);
        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == child,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            ITupleOperation => parent.Parent is IDeconstructionAssignmentOperation d && IsInside(d.Target, reference),
            IDeclarationExpressionOperation => true,
            _ => false,
        };
    }

    /// <summary>
    /// Whether this reference may change the contents of the array or span it names: anything that is not a plain
    /// read (a ReadOnlySpan/string/in argument, an element read, .Length, the implicit conversion to ReadOnlySpan).
    /// Conservative: unknown uses count as writes.
    /// </summary>
    public static bool MayWriteContents(IOperation reference)
    {
        var parent = ParentSkippingConversions(reference, out var child);
        switch (parent)
        {
            case IArgumentOperation { Parameter: { } parameter }:
                return parameter.RefKind is RefKind.Ref or RefKind.Out || !IsReadOnlyByteView(parameter.Type);
            case IArrayElementReferenceOperation element when element.ArrayReference == child:
                return IsWritten(element);
            case IPropertyReferenceOperation property when property.Instance == child:
                return property.Property.IsIndexer && IsWritten(property);
            case IInvocationOperation invocation when invocation.Instance == child:
                return !IsReadOnlyMethod(invocation.TargetMethod);
            case IVariableInitializerOperation init:
                return init.Parent is IVariableDeclaratorOperation d && !IsReadOnlyByteView(d.Symbol.Type);
            case IBinaryOperation:
            case IIsPatternOperation:
            case IIsTypeOperation:
                return false;
            default:
                return true;
        }
    }

    private static bool IsWritten(IOperation target)
    {
        var parent = ParentSkippingConversions(target, out var child);
        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == child,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            _ => false,
        };
    }

    private static bool IsReadOnlyMethod(IMethodSymbol method) =>
        method.Name is "ToArray" or "ToString" or "GetHashCode" or "Equals" or "CopyTo" or "TryCopyTo" or "SequenceEqual" or "GetLength";

    /// <summary>ReadOnlySpan&lt;T&gt;, ReadOnlyMemory&lt;T&gt;, string, or a TypedAlg value type (copies bytes in).</summary>
    public static bool IsReadOnlyByteView(ITypeSymbol? type) =>
        type is not null && (type.SpecialType == SpecialType.System_String ||
            (type is INamedTypeSymbol { IsGenericType: true } named &&
             named.OriginalDefinition.ToDisplayString() is "System.ReadOnlySpan<T>" or "System.ReadOnlyMemory<T>") ||
            (type.IsValueType && type.SpecialType == SpecialType.None && type.TypeKind == TypeKind.Struct &&
             !(type is INamedTypeSymbol { IsGenericType: true })));

    public static bool IsInside(IOperation container, IOperation operation)
    {
        for (var o = operation; o is not null; o = o.Parent)
        {
            if (o == container)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The value a local gets, when it is declared with an initializer and never assigned again in its body.
    /// </summary>
    public static IOperation? SingleDefinition(ILocalSymbol local, IOperation anchor)
    {
        IOperation? definition = null;
        foreach (var operation in Root(anchor).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    definition = declarator.Initializer?.Value ??
                        (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                    if (definition is null)
                    {
                        return null;
                    }

                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    if (IsVariableWrite(reference))
                    {
                        return null;
                    }

                    break;
            }
        }

        return definition;
    }

    private static readonly SymbolDisplayFormat TypeFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    /// <summary>A short display name for messages: "GcmAes.Nonce.Create", "new GcmAes".</summary>
    public static string Display(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Constructor
            ? "new " + method.ContainingType.ToDisplayString(TypeFormat)
            : method.ContainingType.ToDisplayString(TypeFormat) + "." + method.Name;

    /// <summary>The method an argument belongs to.</summary>
    public static IMethodSymbol? OwningMethod(IArgumentOperation argument) => argument.Parent switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        IObjectCreationOperation creation => creation.Constructor,
        _ => argument.Parameter?.ContainingSymbol as IMethodSymbol,
    };
}
