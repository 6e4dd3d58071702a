using Microsoft.CodeAnalysis.Text;

namespace TypedAlg.Generator.Manifest;

/// <summary>The kinds of JSON values the manifest reader produces.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One parsed JSON value with the span it came from, so every manifest diagnostic can point at
/// the exact line and column. Only lives inside the parse step; never stored in pipeline models.
/// </summary>
internal sealed class JsonNode
{
    private static readonly List<JsonProperty> NoProperties = new();
    private static readonly List<JsonNode> NoItems = new();

    public JsonNode(JsonKind kind, TextSpan span, LinePositionSpan lines, string? text = null,
        List<JsonProperty>? properties = null, List<JsonNode>? items = null)
    {
        Kind = kind;
        Span = span;
        Lines = lines;
        Text = text;
        Properties = properties ?? NoProperties;
        Items = items ?? NoItems;
    }

    public JsonKind Kind { get; }

    public TextSpan Span { get; }

    public LinePositionSpan Lines { get; }

    /// <summary>The unescaped string, or the raw number token.</summary>
    public string? Text { get; }

    public List<JsonProperty> Properties { get; }

    public List<JsonNode> Items { get; }

    /// <summary>The first property with this name, or null.</summary>
    public JsonProperty? Property(string name)
    {
        foreach (var p in Properties)
        {
            if (p.Name == name)
                return p;
        }

        return null;
    }

    /// <summary>A JSON name for the kind, for messages ("a string", "an array").</summary>
    public static string Describe(JsonKind kind) => kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };
}

/// <summary>A property of a JSON object: its name (with the name's own span) and its value.</summary>
internal sealed class JsonProperty
{
    public JsonProperty(string name, TextSpan nameSpan, LinePositionSpan nameLines, JsonNode value)
    {
        Name = name;
        NameSpan = nameSpan;
        NameLines = nameLines;
        Value = value;
    }

    public string Name { get; }

    public TextSpan NameSpan { get; }

    public LinePositionSpan NameLines { get; }

    public JsonNode Value { get; }
}
