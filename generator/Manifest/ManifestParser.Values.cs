using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TypedAlg.Annotations;
using TypedAlg.Generator.Diagnostics;
using TypedAlg.Generator.Model;
using TypedAlg.Manifest;

namespace TypedAlg.Generator.Manifest;

// The value readers and name checks of ManifestParser: each reads one property and reports what is wrong with it.
internal sealed partial class ManifestParser
{
    private List<int> KeySizes(JsonNode entry, string label, bool required)
    {
        var result = new List<int>();
        var property = entry.Property("keySizes");
        if (property is null)
        {
            if (required)
                Report(DiagnosticDescriptors.MissingProperty, entry.Span, entry.Lines, label, "keySizes", "the allowed key lengths in bytes, for example [16, 24, 32]");
            return result;
        }

        if (!ExpectKind(property, JsonKind.Array, "keySizes"))
            return result;
        if (property.Value.Items.Count == 0)
        {
            Report(DiagnosticDescriptors.ImpossibleSize, property.Value, label, "keySizes needs at least one key length");
            return result;
        }

        foreach (var item in property.Value.Items)
        {
            var size = SizeValue(item, "keySizes", label, min: 1, max: MaxKeySize);
            if (size is null)
                continue;
            if (result.Contains(size.Value))
                Report(DiagnosticDescriptors.ImpossibleSize, item, label, $"the key length {size.Value} is listed twice");
            else
                result.Add(size.Value);
        }

        result.Sort();
        return result;
    }

    // "kernels": versions such as "6.12", each once; they need not be in the matrix (manifest import writes the running kernel).
    private List<string>? Kernels(JsonNode entry)
    {
        var property = entry.Property("kernels");
        if (property is null || !ExpectKind(property, JsonKind.Array, "kernels"))
            return null;
        var result = new List<string>();
        foreach (var item in property.Value.Items)
        {
            if (item.Kind != JsonKind.String)
                Report(DiagnosticDescriptors.UnexpectedValueKind, item, "kernels", "a kernel version such as \"6.12\"", JsonNode.Describe(item.Kind));
            else if (!KernelVersionPattern.IsMatch(item.Text!))
                Report(DiagnosticDescriptors.InvalidValue, item, "kernels", $"expected kernel versions such as \"6.12\", not '{item.Text}'");
            else if (result.Contains(item.Text!))
                Report(DiagnosticDescriptors.InvalidValue, item, "kernels", $"{item.Text} is listed twice");
            else
                result.Add(item.Text!);
        }

        return result;
    }

    private RestrictedAccess? Access(JsonNode entry)
    {
        var text = OptionalString(entry, "restrictedAccess");
        if (text is null)
            return null;
        var access = ManifestFormat.ParseAccess(text);
        if (access is null)
            Report(DiagnosticDescriptors.InvalidValue, entry.Property("restrictedAccess")!.Value, "restrictedAccess", $"expected anyProcess, privileged or refused, not '{text}'");
        return access;
    }

    private int? RequiredSize(JsonNode entry, string name, string label, string what, int min)
    {
        if (entry.Property(name) is null)
        {
            Report(DiagnosticDescriptors.MissingProperty, entry.Span, entry.Lines, label, name, what);
            return null;
        }

        return OptionalSize(entry, name, label, min);
    }

    private int? OptionalSize(JsonNode entry, string name, string label, int min)
    {
        var property = entry.Property(name);
        if (property is null)
            return null;
        if (!ExpectKind(property, JsonKind.Number, name))
            return null;
        return SizeValue(property.Value, name, label, min, MaxSize);
    }

    private int? SizeValue(JsonNode node, string name, string label, int min, int max)
    {
        if (node.Kind != JsonKind.Number)
        {
            Report(DiagnosticDescriptors.UnexpectedValueKind, node, name, "a whole number of bytes", JsonNode.Describe(node.Kind));
            return null;
        }

        if (!int.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Report(DiagnosticDescriptors.ImpossibleSize, node, label, $"{name} must be a whole number of bytes, not {node.Text}");
            return null;
        }

        if (value < min || value > max)
        {
            Report(DiagnosticDescriptors.ImpossibleSize, node, label, $"{name} must be between {min} and {max} bytes, not {value}");
            return null;
        }

        return value;
    }

    private string? RequiredString(JsonNode entry, string name, string what, string label)
    {
        if (entry.Property(name) is null)
        {
            Report(DiagnosticDescriptors.MissingProperty, entry.Span, entry.Lines, label, name, what);
            return null;
        }

        return OptionalString(entry, name);
    }

    private string? OptionalString(JsonNode entry, string name)
    {
        var property = entry.Property(name);
        return property is not null && ExpectKind(property, JsonKind.String, name) ? property.Value.Text : null;
    }

    private bool? OptionalBool(JsonNode entry, string name)
    {
        var property = entry.Property(name);
        if (property is null)
            return null;
        if (property.Value.Kind is JsonKind.True or JsonKind.False)
            return property.Value.Kind == JsonKind.True;
        Report(DiagnosticDescriptors.UnexpectedValueKind, property.Value, name, "a boolean", JsonNode.Describe(property.Value.Kind));
        return null;
    }

    private bool ExpectKind(JsonProperty property, JsonKind kind, string name)
    {
        if (property.Value.Kind == kind)
            return true;
        Report(DiagnosticDescriptors.UnexpectedValueKind, property.Value, name, JsonNode.Describe(kind), JsonNode.Describe(property.Value.Kind));
        return false;
    }

    private void WarnUnknown(JsonNode node, string[] known, string why)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in node.Properties)
        {
            if (Array.IndexOf(known, property.Name) < 0)
                Report(DiagnosticDescriptors.IgnoredProperty, property.NameSpan, property.NameLines, property.Name, why);
            else if (!seen.Add(property.Name))
                Report(DiagnosticDescriptors.InvalidValue, property.NameSpan, property.NameLines, property.Name, "the property appears more than once in this object; keep one (an entry with an error is not generated)");
        }
    }

    private void Unused(JsonNode entry, KernelAlgorithmType kind, params string[] names)
    {
        foreach (var name in names)
        {
            var property = entry.Property(name);
            if (property is not null)
                Report(DiagnosticDescriptors.IgnoredProperty, property.NameSpan, property.NameLines, name, $"a {kind.ToString().ToLowerInvariant()} algorithm does not use it");
        }
    }

    private static string? ClassNameProblem(string name)
    {
        if (!SyntaxFacts.IsValidIdentifier(name) || name.StartsWith("@", StringComparison.Ordinal))
            return "it must be a C# identifier";
        if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None)
            return "it is a C# keyword";
        if (ReservedNames.Contains(name) || (name.StartsWith("Key", StringComparison.Ordinal) && name.Skip(3).All(char.IsDigit)))
            return "the generated class has a nested type of that name";
        return null;
    }

    private static string? KernelNameProblem(string name)
    {
        if (name.Length == 0)
            return "it is empty";
        if (name.Length > MaxKernelNameLength)
            return $"it is longer than {MaxKernelNameLength} characters (what sockaddr_alg can carry)";
        if (!KernelNamePattern.IsMatch(name))
            return "it may only hold letters, digits and _ - ( ) , .";
        var depth = 0;
        foreach (var c in name)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
                return "its parentheses do not match";
        }

        return depth == 0 ? null : "its parentheses do not match";
    }

    private static bool IsValidNamespace(string ns)
        => ns.Length > 0 && ns.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);

    private int ErrorCount => _diagnostics.Count(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

    private void Report(DiagnosticDescriptor descriptor, JsonNode node, params string[] args)
        => Report(descriptor, node.Span, node.Lines, args);

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, LinePositionSpan lines, params string[] args)
        => _diagnostics.Add(new DiagnosticInfo(descriptor, new LocationInfo(_path, span, lines), args.ToImmutableArray().ToEquatableArray()));
}
