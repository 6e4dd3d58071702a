using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedAlg.Analyzers;

/// <summary>
/// "What do we know at compile time about this expression's bytes?" Shared by the size rules (TA0001, TA0002,
/// TA0031) and the constant-material rules (TA0010, TA0011, TA0014).
/// Recognises: new byte[N], array and collection initializers, "..."u8, stackalloc, Convert.FromHexString /
/// FromBase64String of a literal, Encoding.*.GetBytes of a literal, AsSpan/Slice/ranges with constant bounds,
/// ToArray, locals assigned once from those, and readonly fields / get-only properties initialised with those.
/// </summary>
internal static partial class ConstantData
{
    private const int MaxDepth = 6;

    /// <summary>The length in bytes, when it is a compile-time constant.</summary>
    public static int? Length(IOperation operation, Annotations annotations) => Length(operation, annotations, 0);

    /// <summary>Whether the bytes themselves are fixed at compile time (literal data, or all zero and never written).</summary>
    public static bool IsConstant(IOperation operation, Annotations annotations) => IsConstant(operation, annotations, 0);

    private static int? Length(IOperation operation, Annotations annotations, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        operation = OperationHelpers.Unwrap(operation);
        switch (operation)
        {
            case IArrayCreationOperation array:
                if (array.Initializer is { } init)
                {
                    return init.ElementValues.Length;
                }

                return array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: int n } ? n : null;
            case { Syntax: CollectionExpressionSyntax collection }:
                // Roslyn 4.8 has no ICollectionExpressionOperation: read the syntax (newer hosts give the same node).
                return SyntaxLength(collection);
            case IUtf8StringOperation utf8:
                return Encoding.UTF8.GetByteCount(utf8.Value);
            case IInvocationOperation invocation:
                return InvocationLength(invocation, annotations, depth);
            case IImplicitIndexerReferenceOperation indexer when indexer.Argument is IRangeOperation range:
                return RangeLength(range, () => Length(indexer.Instance, annotations, depth + 1));
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when element.Indices[0] is IRangeOperation range:
                return RangeLength(range, () => Length(element.ArrayReference, annotations, depth + 1));
            case ILocalReferenceOperation local:
                return OperationHelpers.SingleDefinition(local.Local, operation) is { } definition
                    ? Length(definition, annotations, depth + 1)
                    : null;
            case IFieldReferenceOperation or IPropertyReferenceOperation:
                return MemberInitializer(operation) is { } syntax ? SyntaxLength(syntax) : null;
        }

        return StackAllocLength(operation);
    }

    private static int? InvocationLength(IInvocationOperation invocation, Annotations annotations, int depth)
    {
        var method = invocation.TargetMethod;
        var args = invocation.Arguments;
        if (Is(method.ContainingType, annotations.Convert))
        {
            var text = ConstantString(args, 0);
            return text is null ? null : method.Name switch
            {
                "FromHexString" => HexLength(text),
                "FromBase64String" => Base64Length(text),
                _ => null,
            };
        }

        if (method.Name == "GetBytes" && args.Length == 1 && IsEncoding(method.ContainingType, annotations) &&
            ConstantString(args, 0) is { } s)
        {
            return EncodedLength(invocation.Instance, s);
        }

        // Receiver of AsSpan/Slice/ToArray: the instance, or the first argument of an extension method.
        var receiver = invocation.Instance ?? (method.IsExtensionMethod && args.Length > 0 ? args[0].Value : null);
        var firstArg = invocation.Instance is null ? 1 : 0;
        switch (method.Name)
        {
            case "AsSpan" or "AsMemory" or "Slice" or "ToArray" when receiver is not null:
                var count = args.Length - firstArg;
                if (count == 2)
                {
                    return IntConstant(args[firstArg + 1].Value);
                }

                if (count == 1 && IntConstant(args[firstArg].Value) is { } start)
                {
                    return Length(receiver, annotations, depth + 1) is { } whole ? whole - start : null;
                }

                if (count == 0)
                {
                    return Length(receiver, annotations, depth + 1) ?? SizeConstant(receiver, annotations);
                }

                return null;
        }

        return null;
    }

    /// <summary>A TypedAlg value type with a role exposes <c>public const int Size</c> (contracts.md section 2).</summary>
    private static int? SizeConstant(IOperation receiver, Annotations annotations)
    {
        var type = OperationHelpers.Unwrap(receiver).Type;
        if (annotations.GetTypeRole(type) == Materials.None || type is null)
        {
            return null;
        }

        foreach (var member in type.GetMembers("Size"))
        {
            if (member is IFieldSymbol { IsConst: true, ConstantValue: int size })
            {
                return size;
            }
        }

        return null;
    }

    private static bool IsConstant(IOperation operation, Annotations annotations, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        operation = OperationHelpers.Unwrap(operation);
        if (operation.ConstantValue.HasValue)
        {
            return operation.ConstantValue.Value is string;
        }

        switch (operation)
        {
            case IArrayCreationOperation array:
                return array.Initializer is null || AllConstant(array.Initializer.ElementValues);
            case { Syntax: CollectionExpressionSyntax collection }:
                return operation.SemanticModel is { } model &&
                       collection.Elements.All(e => e is ExpressionElementSyntax { Expression: var x } && model.GetConstantValue(x).HasValue);
            case IUtf8StringOperation:
                return true;
            case IDefaultValueOperation:
                return annotations.GetTypeRole(operation.Type) != Materials.None;
            case IObjectCreationOperation { Arguments.Length: 0, Initializer: null } creation:
                return creation.Type is { IsValueType: true } && annotations.GetTypeRole(creation.Type) != Materials.None;
            case IInvocationOperation invocation:
                return InvocationIsConstant(invocation, annotations, depth);
            case IImplicitIndexerReferenceOperation indexer:
                return IsConstant(indexer.Instance, annotations, depth + 1);
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when element.Indices[0] is IRangeOperation:
                return IsConstant(element.ArrayReference, annotations, depth + 1);
            case ILocalReferenceOperation local:
                return IsConstantLocal(local, annotations, depth);
            case IFieldReferenceOperation { Field: { IsReadOnly: true } or { IsConst: true } }:
            case IPropertyReferenceOperation { Property.SetMethod: null }:
                return MemberInitializer(operation) is { } syntax && SyntaxIsConstant(syntax);
        }

        return operation.Syntax is StackAllocArrayCreationExpressionSyntax { Initializer: null } ||
               operation.Syntax is StackAllocArrayCreationExpressionSyntax { Initializer: { } i } && i.Expressions.All(IsLiteral) ||
               operation.Syntax is ImplicitStackAllocArrayCreationExpressionSyntax implicitAlloc && implicitAlloc.Initializer.Expressions.All(IsLiteral);
    }

    private static bool InvocationIsConstant(IInvocationOperation invocation, Annotations annotations, int depth)
    {
        var method = invocation.TargetMethod;
        var args = invocation.Arguments;
        if (Is(method.ContainingType, annotations.Convert))
        {
            return method.Name is "FromHexString" or "FromBase64String" && ConstantString(args, 0) is not null;
        }

        if (method.Name == "GetBytes" && IsEncoding(method.ContainingType, annotations))
        {
            return args.Length == 1 && ConstantString(args, 0) is not null;
        }

        // A static factory of a TypedAlg value type fed constant data (Nonce.Create("..."u8)) is constant too.
        if (method.IsStatic && method.Name is "Create" or "FromHex" && args.Length == 1 &&
            annotations.GetTypeRole(method.ContainingType) != Materials.None)
        {
            return IsConstant(args[0].Value, annotations, depth + 1);
        }

        var receiver = invocation.Instance ?? (method.IsExtensionMethod && args.Length > 0 ? args[0].Value : null);
        return method.Name is "AsSpan" or "AsMemory" or "Slice" or "ToArray" && receiver is not null &&
               IsConstant(receiver, annotations, depth + 1);
    }

    private static bool IsConstantLocal(ILocalReferenceOperation local, Annotations annotations, int depth)
    {
        var definition = OperationHelpers.SingleDefinition(local.Local, local);
        if (definition is null || !IsConstant(definition, annotations, depth + 1))
        {
            return false;
        }

        // Value types (Nonce) cannot change behind our back; arrays and spans can: any non-read use is a write.
        if (local.Local.Type.IsValueType && OperationHelpers.IsReadOnlyByteView(local.Local.Type))
        {
            return true;
        }

        foreach (var reference in OperationHelpers.References(local.Local, local))
        {
            if (reference != local && OperationHelpers.MayWriteContents(reference))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllConstant(System.Collections.Immutable.ImmutableArray<IOperation> values)
    {
        foreach (var value in values)
        {
            if (!value.ConstantValue.HasValue)
            {
                return false;
            }
        }

        return true;
    }

    private static int? RangeLength(IRangeOperation range, Func<int?> wholeLength)
    {
        var (start, startFromEnd) = IndexConstant(range.LeftOperand) ?? (0, false);
        if (range.LeftOperand is not null && IndexConstant(range.LeftOperand) is null)
        {
            return null;
        }

        var end = range.RightOperand is null ? (0, true) : IndexConstant(range.RightOperand);
        if (end is null)
        {
            return null;
        }

        if (!startFromEnd && !end.Value.FromEnd)
        {
            return end.Value.Value - start;
        }

        if (wholeLength() is not { } whole)
        {
            return null;
        }

        var s = startFromEnd ? whole - start : start;
        var e = end.Value.FromEnd ? whole - end.Value.Value : end.Value.Value;
        return e - s;
    }

    private static (int Value, bool FromEnd)? IndexConstant(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        operation = OperationHelpers.Unwrap(operation);
        if (operation is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } hat)
        {
            return IntConstant(hat.Operand) is { } fromEnd ? (fromEnd, true) : null;
        }

        return IntConstant(operation) is { } value ? (value, false) : null;
    }

    private static int? IntConstant(IOperation operation) =>
        operation.ConstantValue is { HasValue: true, Value: int value } ? value : null;
}
