using System.Globalization;
using System.Text;

namespace TypedAlg.Generator.Emit;

/// <summary>
/// Builds C# text with indentation. Emitting text (not syntax trees) keeps the generator fast and the
/// output exactly as written here; numbers always go through the invariant culture.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation (an empty line has no trailing spaces).</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (var i = 0; i < _indent; i++)
                _builder.Append(IndentUnit);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes several lines; each one is indented.</summary>
    public SourceWriter Lines(params string[] lines)
    {
        foreach (var line in lines)
            Line(line);
        return this;
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public SourceWriter Open()
    {
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Unindents and writes <c>}</c> (plus an optional suffix such as <c>;</c>).</summary>
    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Writes a one-line XML doc summary.</summary>
    public SourceWriter Summary(string text) => Line("/// <summary>" + text + "</summary>");

    public override string ToString() => _builder.ToString();

    /// <summary>An integer in the invariant culture.</summary>
    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A C# string literal.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    // Control characters and the other characters C# reads as line breaks.
                    if (c < ' ' || IsLineBreak(c))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Text made safe for an XML doc comment: a line break would end the /// comment.</summary>
    public static string Xml(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                default: sb.Append(c < ' ' || IsLineBreak(c) ? ' ' : c); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>The characters besides CR and LF that end a line in C# source (NEL, LS, PS).</summary>
    private static bool IsLineBreak(char c) => c is '\u0085' or '\u2028' or '\u2029';

    /// <summary>"16, 24 or 32".</summary>
    public static string List(IReadOnlyList<int> values)
    {
        if (values.Count == 1)
            return N(values[0]);
        var head = string.Join(", ", values.Take(values.Count - 1).Select(N));
        return head + " or " + N(values[values.Count - 1]);
    }
}
