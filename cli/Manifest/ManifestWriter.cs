using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TypedAlg.Manifest;

namespace TypedAlg.Cli.Manifest;

/// <summary>Writes manifest entries one per line, in the property order and layout of the default algorithms.json.</summary>
internal static class ManifestWriter
{
    // The encoder, not JsonSerializer: reflection-based serialization is not NativeAOT-safe (IL2026/IL3050).
    private static readonly JavaScriptEncoder s_strings = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string Document(IReadOnlyList<ManifestEntry> entries, string ns = ManifestFormat.DefaultNamespace)
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
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["class"] = Quote(e.Class),
            ["kernelName"] = Quote(e.KernelName),
            ["type"] = Quote(ManifestFormat.TypeName(e.Type)),
            ["keySizes"] = e.KeySizes is null ? null : "[" + string.Join(", ", e.KeySizes.Select(Num)) + "]",
            ["minimumKeySize"] = Num(e.MinimumKeySize),
            ["ivSize"] = Num(e.IvSize),
            ["blockSize"] = Num(e.BlockSize),
            ["wholeBlocks"] = Bool(e.WholeBlocks),
            ["nonceSize"] = Num(e.NonceSize),
            ["nonceEncoding"] = e.NonceEncoding is null ? null : Quote(e.NonceEncoding),
            ["tagSize"] = Num(e.TagSize),
            ["digestSize"] = Num(e.DigestSize),
            ["fipsApproved"] = Bool(e.FipsApproved),
            ["insecure"] = e.Insecure is null ? null : Quote(e.Insecure),
            ["minimumKernel"] = e.MinimumKernel is null ? null : Quote(e.MinimumKernel),
            ["kernels"] = e.Kernels is null ? null : "[" + string.Join(", ", e.Kernels.Select(Quote)) + "]",
            ["restrictedAccess"] = e.RestrictedAccess is { } access && ManifestFormat.AccessName(access) is { } name ? Quote(name) : null,
            ["driver"] = e.Driver is null ? null : Quote(e.Driver),
            ["hardwareOnly"] = Bool(e.HardwareOnly),
            ["description"] = e.Description is null ? null : Quote(e.Description),
            ["notes"] = e.Notes is null ? null : Quote(e.Notes),
        };

        // The manifest format's order; a name it does not know would be a property the generator ignores (TA1010).
        var unknown = values.Keys.Except(ManifestFormat.EntryProperties).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException("not manifest properties: " + string.Join(", ", unknown));
        }

        var parts = ManifestFormat.EntryProperties.Where(name => values.GetValueOrDefault(name) is not null)
            .Select(name => Prop(name, values[name]!));
        return "{ " + string.Join(", ", parts) + " }";
    }

    private static string Prop(string name, string value) => $"\"{name}\": {value}";

    private static string Quote(string s) => "\"" + JsonEncodedText.Encode(s, s_strings).ToString() + "\"";

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Num(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };
}
