using System.Reflection;
using System.Text.Json;
using TypedAlg.Manifest;

namespace TypedAlg.Cli.Manifest;

/// <summary>
/// A loaded algorithms.json: --manifest FILE, else algorithms.json in the current directory, else the default
/// manifest embedded in the tool.
/// </summary>
internal sealed class AlgorithmManifest
{
    public const string FileName = "algorithms.json";

    private AlgorithmManifest(string source, string ns, IReadOnlyList<ManifestEntry> entries)
    {
        Source = source;
        Namespace = ns;
        Entries = entries;
    }

    /// <summary>The file it came from, or "built-in default".</summary>
    public string Source { get; }

    public string Namespace { get; }

    public IReadOnlyList<ManifestEntry> Entries { get; }

    public static AlgorithmManifest Locate(string? path, string workingDirectory)
    {
        if (path is not null)
        {
            return Parse(File.ReadAllText(path), path);
        }

        var local = Path.Combine(workingDirectory, FileName);
        if (File.Exists(local))
        {
            return Parse(File.ReadAllText(local), local);
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException("the default manifest is missing from the tool");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "built-in default");
    }

    /// <summary>Reads the manifest format as the generator does: comments allowed, trailing commas not (TA1001).</summary>
    public static AlgorithmManifest Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw CliException.Failure($"{source}: not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("algorithms", out var algorithms) || algorithms.ValueKind != JsonValueKind.Array)
            {
                throw CliException.Failure($"{source}: expected an object with an \"algorithms\" array");
            }

            var ns = root.TryGetProperty("namespace", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : ManifestFormat.DefaultNamespace;
            var entries = new List<ManifestEntry>();
            var index = 0;
            foreach (var item in algorithms.EnumerateArray())
            {
                entries.Add(ReadEntry(item, $"{source}: algorithms[{index++}]"));
            }

            return new AlgorithmManifest(source, ns, entries);
        }
    }

    private static ManifestEntry ReadEntry(JsonElement e, string where)
    {
        string Required(string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()!
                : throw CliException.Failure($"{where}: \"{name}\" is required");

        var typeText = Required("type");
        var type = ManifestFormat.ParseType(typeText)
            ?? throw CliException.Failure($"{where}: \"type\" must be hash, skcipher, aead or rng, not '{typeText}'");

        return new ManifestEntry
        {
            Class = Required("class"),
            KernelName = Required("kernelName"),
            Type = type,
            Description = Str("description"),
            KeySizes = e.TryGetProperty("keySizes", out var k) && k.ValueKind == JsonValueKind.Array
                ? k.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt32()).ToList()
                : null,
            MinimumKeySize = Int("minimumKeySize"),
            IvSize = Int("ivSize"),
            BlockSize = Int("blockSize"),
            WholeBlocks = Bool("wholeBlocks"),
            NonceSize = Int("nonceSize"),
            NonceEncoding = Str("nonceEncoding"),
            TagSize = Int("tagSize"),
            DigestSize = Int("digestSize"),
            FipsApproved = Bool("fipsApproved"),
            Insecure = Str("insecure"),
            MinimumKernel = Str("minimumKernel"),
            Kernels = e.TryGetProperty("kernels", out var ks) && ks.ValueKind == JsonValueKind.Array
                ? ks.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : null,
            RestrictedAccess = ManifestFormat.ParseAccess(Str("restrictedAccess")),
            Driver = Str("driver"),
            HardwareOnly = Bool("hardwareOnly"),
            Notes = Str("notes"),
        };

        string? Str(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        int? Int(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

        bool? Bool(string name) => e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
    }
}
