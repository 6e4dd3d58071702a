using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TypedAlg.Cli.Manifest;

/// <summary>Writes manifest entries one per line, in the property order and layout of the default algorithms.json.</summary>
internal static class ManifestWriter
{
    private static readonly JsonSerializerOptions s_strings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Document(IReadOnlyList<ManifestEntry> entries, string ns = "TypedAlg")
    {
        var text = new StringBuilder();
        text.Append("{\n  \"$schema\": \"./algorithms.schema.json\",\n  \"namespace\": ").Append(Quote(ns)).Append(",\n  \"algorithms\": [\n");
        for (var i = 0; i < entries.Count; i++)
        {
            text.Append("    ").Append(Entry(entries[i])).Append(i + 1 < entries.Count ? ",\n" : "\n");
        }

        return text.Append("  ]\n}\n").ToString();
    }

    public static string Entry(ManifestEntry e)
    {
        var parts = new List<string>
        {
            Prop("class", Quote(e.Class)),
            Prop("kernelName", Quote(e.KernelName)),
            Prop("type", Quote(ManifestEntry.TypeName(e.Type))),
        };
        Add("keySizes", e.KeySizes is null ? null : "[" + string.Join(", ", e.KeySizes.Select(Num)) + "]");
        Add("minimumKeySize", Num(e.MinimumKeySize));
        Add("ivSize", Num(e.IvSize));
        Add("blockSize", Num(e.BlockSize));
        Add("wholeBlocks", Bool(e.WholeBlocks));
        Add("nonceSize", Num(e.NonceSize));
        Add("nonceEncoding", e.NonceEncoding is null ? null : Quote(e.NonceEncoding));
        Add("tagSize", Num(e.TagSize));
        Add("digestSize", Num(e.DigestSize));
        Add("fipsApproved", Bool(e.FipsApproved));
        Add("insecure", e.Insecure is null ? null : Quote(e.Insecure));
        Add("minimumKernel", e.MinimumKernel is null ? null : Quote(e.MinimumKernel));
        Add("description", e.Description is null ? null : Quote(e.Description));
        Add("notes", e.Notes is null ? null : Quote(e.Notes));
        return "{ " + string.Join(", ", parts) + " }";

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(Prop(name, value));
            }
        }
    }

    private static string Prop(string name, string value) => $"\"{name}\": {value}";

    private static string Quote(string s) => JsonSerializer.Serialize(s, s_strings);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Num(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };
}
