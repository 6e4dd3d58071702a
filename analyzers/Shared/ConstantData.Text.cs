using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedAlg.Analyzers;

// The text and syntax side of ConstantData: lengths of hex/Base64/encoded strings, stackalloc and initializer syntax.
internal static partial class ConstantData
{
    private static string? ConstantString(System.Collections.Immutable.ImmutableArray<IArgumentOperation> args, int index) =>
        args.Length > index && args[index].Value.ConstantValue is { HasValue: true, Value: string s } ? s : null;

    private static bool Is(ITypeSymbol? type, ITypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

    private static bool IsEncoding(ITypeSymbol? type, Annotations annotations)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (Is(t, annotations.Encoding))
            {
                return true;
            }
        }

        return false;
    }

    private static int? EncodedLength(IOperation? encoding, string text)
    {
        var name = encoding is IPropertyReferenceOperation { Property.IsStatic: true } p ? p.Property.Name : null;
        return name switch
        {
            "UTF8" or "Default" => Encoding.UTF8.GetByteCount(text),
            "ASCII" or "Latin1" => text.Length,
            "Unicode" or "BigEndianUnicode" => text.Length * 2,
            "UTF32" => Encoding.UTF32.GetByteCount(text),
            _ => null,
        };
    }

    /// <summary>Bytes in a hex string, or null when it is not valid hex (odd length or a non-hex character).</summary>
    public static int? HexLength(string text)
    {
        if (text.Length % 2 != 0)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!Uri.IsHexDigit(c))
            {
                return null;
            }
        }

        return text.Length / 2;
    }

    private static int? Base64Length(string text)
    {
        try
        {
            return Convert.FromBase64String(text).Length;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static int? StackAllocLength(IOperation operation)
    {
        switch (operation.Syntax)
        {
            case StackAllocArrayCreationExpressionSyntax { Initializer: { } init }:
                return init.Expressions.Count;
            case StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax { RankSpecifiers: [{ Sizes: [var size] }] } }
                when operation.SemanticModel is { } model:
                return model.GetConstantValue(size) is { HasValue: true, Value: int n } ? n : null;
            case ImplicitStackAllocArrayCreationExpressionSyntax implicitAlloc:
                return implicitAlloc.Initializer.Expressions.Count;
            default:
                return null;
        }
    }

    // ---- readonly fields and get-only properties: read their initializer syntax (same tree only needs no model) ----

    private static ExpressionSyntax? MemberInitializer(IOperation operation)
    {
        var symbol = operation switch
        {
            IFieldReferenceOperation f when f.Field.IsReadOnly || f.Field.IsConst => (ISymbol)f.Field,
            IPropertyReferenceOperation p when p.Property.SetMethod is null && p.Property.Parameters.Length == 0 => p.Property,
            _ => null,
        };
        if (symbol is null || symbol.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        return symbol.DeclaringSyntaxReferences[0].GetSyntax() switch
        {
            VariableDeclaratorSyntax { Initializer.Value: { } value } => value,
            PropertyDeclarationSyntax { ExpressionBody.Expression: { } body } => body,
            PropertyDeclarationSyntax { Initializer.Value: { } value, AccessorList.Accessors: var accessors }
                when accessors.All(a => a.IsKind(SyntaxKind.GetAccessorDeclaration)) => value,
            _ => null,
        };
    }

    private static int? SyntaxLength(ExpressionSyntax syntax) => syntax switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions.Count,
        ArrayCreationExpressionSyntax { Type.RankSpecifiers: [{ Sizes: [LiteralExpressionSyntax size] }] } when size.Token.Value is int n => n,
        ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.Count,
        InitializerExpressionSyntax init => init.Expressions.Count,
        CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax) => collection.Elements.Count,
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.Utf8StringLiteralExpression) && literal.Token.Value is string s =>
            Encoding.UTF8.GetByteCount(s),
        _ => null,
    };

    private static bool SyntaxIsConstant(ExpressionSyntax syntax) => syntax switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions.All(IsLiteral),
        ArrayCreationExpressionSyntax { Initializer: null } => true,
        ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.All(IsLiteral),
        InitializerExpressionSyntax init => init.Expressions.All(IsLiteral),
        CollectionExpressionSyntax collection => collection.Elements.All(e => e is ExpressionElementSyntax { Expression: var x } && IsLiteral(x)),
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.Utf8StringLiteralExpression) || literal.IsKind(SyntaxKind.StringLiteralExpression),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromHexString" or "FromBase64String" or "GetBytes" }, ArgumentList.Arguments: [{ Expression: LiteralExpressionSyntax }] } => true,
        _ => false,
    };

    private static bool IsLiteral(ExpressionSyntax syntax) => syntax switch
    {
        LiteralExpressionSyntax => true,
        CastExpressionSyntax cast => IsLiteral(cast.Expression),
        PrefixUnaryExpressionSyntax unary => IsLiteral(unary.Operand),
        _ => false,
    };

    private static bool All<T>(this SeparatedSyntaxList<T> list, Func<T, bool> predicate) where T : SyntaxNode
    {
        foreach (var item in list)
        {
            if (!predicate(item))
            {
                return false;
            }
        }

        return true;
    }

    private static bool All<T>(this SyntaxList<T> list, Func<T, bool> predicate) where T : SyntaxNode
    {
        foreach (var item in list)
        {
            if (!predicate(item))
            {
                return false;
            }
        }

        return true;
    }
}
