using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace TypedAlg.Generator.Manifest;

/// <summary>A JSON syntax error: where it is and what was expected.</summary>
internal sealed class JsonError
{
    public JsonError(string message, TextSpan span, LinePositionSpan lines)
    {
        Message = message;
        Span = span;
        Lines = lines;
    }

    public string Message { get; }

    public TextSpan Span { get; }

    public LinePositionSpan Lines { get; }
}

/// <summary>
/// A small recursive-descent JSON reader (RFC 8259, plus // and /* */ comments that editors allow in
/// config files). It keeps line and column for every value and never throws: malformed input gives
/// a <see cref="JsonError"/> at the first offending character. Hand-written because
/// System.Text.Json is fragile inside netstandard2.0 generators hosted by IDEs.
/// </summary>
internal sealed class JsonReader
{
    // Deep nesting cannot be a valid manifest; the limit keeps recursion far from stack overflow.
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _pos;
    private int _line;
    private int _lineStart;
    private JsonError? _error;

    private JsonReader(string text) => _text = text;

    /// <summary>Parses a whole document. Exactly one of the results is non-null.</summary>
    public static (JsonNode? Root, JsonError? Error) Parse(string text)
    {
        var reader = new JsonReader(text);
        // A UTF-8 BOM decoded as U+FEFF is not JSON whitespace, but editors write it.
        if (text.Length > 0 && text[0] == '\uFEFF')
            reader._pos = 1;

        reader.SkipTrivia();
        if (reader._error is null && reader._pos >= text.Length)
            reader.Fail("The manifest is empty; expected a JSON object.");

        var root = reader._error is null ? reader.ReadValue(0) : null;
        if (reader._error is null)
        {
            reader.SkipTrivia();
            if (reader._error is null && reader._pos < text.Length)
                reader.Fail($"Unexpected '{reader.Printable(reader._pos)}' after the end of the JSON document.");
        }

        return reader._error is null ? (root, null) : (null, reader._error);
    }

    private LinePosition Position => new(_line, _pos - _lineStart);

    private JsonNode? ReadValue(int depth)
    {
        if (depth > MaxDepth)
            return Fail($"JSON nested deeper than {MaxDepth} levels.");

        if (_pos >= _text.Length)
            return Fail("Unexpected end of file; expected a value.");

        var c = _text[_pos];
        return c switch
        {
            '{' => ReadObject(depth),
            '[' => ReadArray(depth),
            '"' => ReadStringNode(),
            't' => ReadLiteral("true", JsonKind.True),
            'f' => ReadLiteral("false", JsonKind.False),
            'n' => ReadLiteral("null", JsonKind.Null),
            _ when c == '-' || (c >= '0' && c <= '9') => ReadNumber(),
            _ => Fail($"Unexpected '{Printable(_pos)}'; expected a value (object, array, string, number, true, false or null)."),
        };
    }

    private JsonNode? ReadObject(int depth)
    {
        var start = _pos;
        var startLine = Position;
        _pos++; // '{'
        var properties = new List<JsonProperty>();
        SkipTrivia();
        if (Peek() == '}')
        {
            _pos++;
            return Node(JsonKind.Object, start, startLine, properties: properties);
        }

        while (_error is null)
        {
            SkipTrivia();
            if (_error is not null)
                return null;
            if (Peek() != '"')
                return Fail(_pos >= _text.Length
                    ? "Unexpected end of file; expected a property name or '}'."
                    : $"Unexpected '{Printable(_pos)}'; expected a property name in double quotes.");

            var nameStart = _pos;
            var nameLine = Position;
            var name = ReadString();
            if (name is null)
                return null;
            var nameSpan = TextSpan.FromBounds(nameStart, _pos);
            var nameLines = new LinePositionSpan(nameLine, Position);

            SkipTrivia();
            if (Peek() != ':')
                return Fail($"Expected ':' after the property name \"{name}\".");
            _pos++;
            SkipTrivia();
            var value = _error is null ? ReadValue(depth + 1) : null;
            if (value is null)
                return null;
            properties.Add(new JsonProperty(name, nameSpan, nameLines, value));

            SkipTrivia();
            var next = Peek();
            if (next == ',')
            {
                _pos++;
                continue;
            }

            if (next == '}')
            {
                _pos++;
                return Node(JsonKind.Object, start, startLine, properties: properties);
            }

            return Fail(_pos >= _text.Length
                ? "Unexpected end of file; expected ',' or '}'."
                : $"Unexpected '{Printable(_pos)}'; expected ',' or '}}'.");
        }

        return null;
    }

    private JsonNode? ReadArray(int depth)
    {
        var start = _pos;
        var startLine = Position;
        _pos++; // '['
        var items = new List<JsonNode>();
        SkipTrivia();
        if (Peek() == ']')
        {
            _pos++;
            return Node(JsonKind.Array, start, startLine, items: items);
        }

        while (_error is null)
        {
            SkipTrivia();
            var item = _error is null ? ReadValue(depth + 1) : null;
            if (item is null)
                return null;
            items.Add(item);

            SkipTrivia();
            var next = Peek();
            if (next == ',')
            {
                _pos++;
                continue;
            }

            if (next == ']')
            {
                _pos++;
                return Node(JsonKind.Array, start, startLine, items: items);
            }

            return Fail(_pos >= _text.Length
                ? "Unexpected end of file; expected ',' or ']'."
                : $"Unexpected '{Printable(_pos)}'; expected ',' or ']'.");
        }

        return null;
    }

    private JsonNode? ReadStringNode()
    {
        var start = _pos;
        var startLine = Position;
        var value = ReadString();
        return value is null ? null : Node(JsonKind.String, start, startLine, text: value);
    }

    private string? ReadString()
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return sb.ToString();
            }

            if (c == '\n' || c == '\r')
                return FailString("Unterminated string: a line break inside a string must be written as \\n.");
            if (c < ' ')
                return FailString("Control characters inside a string must be escaped.");

            if (c != '\\')
            {
                sb.Append(c);
                _pos++;
                continue;
            }

            if (_pos + 1 >= _text.Length)
                break;
            var e = _text[_pos + 1];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 6 > _text.Length || !int.TryParse(_text.Substring(_pos + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        return FailString("Invalid \\u escape: expected four hexadecimal digits.");
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    return FailString($"Invalid escape '\\{e}' in a string.");
            }

            _pos += 2;
        }

        return FailString("Unterminated string: expected a closing '\"'.");
    }

    private JsonNode? ReadNumber()
    {
        var start = _pos;
        var startLine = Position;
        if (Peek() == '-')
            _pos++;
        if (!IsDigit(Peek()))
            return Fail("Invalid number: expected a digit.");
        if (Peek() == '0' && IsDigit(PeekAt(_pos + 1)))
            return Fail("Invalid number: leading zeros are not allowed.");
        while (IsDigit(Peek()))
            _pos++;
        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigit(Peek()))
                return Fail("Invalid number: expected a digit after '.'.");
            while (IsDigit(Peek()))
                _pos++;
        }

        if (Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-')
                _pos++;
            if (!IsDigit(Peek()))
                return Fail("Invalid number: expected a digit in the exponent.");
            while (IsDigit(Peek()))
                _pos++;
        }

        return Node(JsonKind.Number, start, startLine, text: _text.Substring(start, _pos - start));
    }

    private JsonNode? ReadLiteral(string literal, JsonKind kind)
    {
        var start = _pos;
        var startLine = Position;
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
            return Fail($"Unexpected '{Printable(_pos)}'; expected a value (did you mean {literal}? strings need double quotes).");
        _pos += literal.Length;
        return Node(kind, start, startLine);
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c == '\r')
            {
                _pos++;
                if (Peek() == '\n')
                    _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c is ' ' or '\t')
            {
                _pos++;
            }
            else if (c == '/' && PeekAt(_pos + 1) == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r')
                    _pos++;
            }
            else if (c == '/' && PeekAt(_pos + 1) == '*')
            {
                var startLine = Position;
                var start = _pos;
                _pos += 2;
                while (_pos < _text.Length && !(_text[_pos] == '*' && PeekAt(_pos + 1) == '/'))
                {
                    if (_text[_pos] == '\n')
                    {
                        _line++;
                        _lineStart = _pos + 1;
                    }

                    _pos++;
                }

                if (_pos >= _text.Length)
                {
                    _error = new JsonError("Unterminated /* comment.", new TextSpan(start, 2), new LinePositionSpan(startLine, new LinePosition(startLine.Line, startLine.Character + 2)));
                    return;
                }

                _pos += 2;
            }
            else
            {
                return;
            }
        }
    }

    private JsonNode Node(JsonKind kind, int start, LinePosition startLine, string? text = null,
        List<JsonProperty>? properties = null, List<JsonNode>? items = null)
        => new(kind, TextSpan.FromBounds(start, _pos), new LinePositionSpan(startLine, Position), text, properties, items);

    private char Peek() => PeekAt(_pos);

    private char PeekAt(int index) => index < _text.Length ? _text[index] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private string Printable(int index)
    {
        var c = _text[index];
        return c < ' ' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();
    }

    private JsonNode? Fail(string message)
    {
        if (_error is null)
        {
            var length = _pos < _text.Length ? 1 : 0;
            var start = Position;
            _error = new JsonError(message, new TextSpan(Math.Min(_pos, _text.Length), length),
                new LinePositionSpan(start, new LinePosition(start.Line, start.Character + length)));
        }

        return null;
    }

    private string? FailString(string message)
    {
        Fail(message);
        return null;
    }
}
