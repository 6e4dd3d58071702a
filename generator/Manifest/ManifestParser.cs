using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using TypedAlg.Annotations;
using TypedAlg.Generator.Diagnostics;
using TypedAlg.Generator.Model;
using TypedAlg.Manifest;
using TypedAlg.Runtime.Kernel;

namespace TypedAlg.Generator.Manifest;

/// <summary>
/// Turns a manifest's text into <see cref="AlgorithmSpec"/>s and diagnostics. Never throws: an entry
/// with an error is left out (and reported); the other entries are still generated.
/// </summary>
internal sealed partial class ManifestParser
{
    // Sizes above these are not real kernel parameters and would only bloat the generated structs.
    private const int MaxKeySize = 1024;
    private const int MaxSize = 256;

    // What a bind can carry (sockaddr_alg's flexible name): the runtime refuses longer names the same way.
    private const int MaxKernelNameLength = KernelFacts.MaxAlgorithmNameLength;

    // Nested type names the emitters use; a class may not share a name with its members.
    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "Iv", "Nonce", "Tag", "Digest", "Mac", "Storage",
    };

    private static readonly Regex KernelNamePattern = new(@"^[A-Za-z0-9_\-(),.]+$", RegexOptions.CultureInvariant);
    private static readonly Regex KernelVersionPattern = new(@"^[0-9]+\.[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant);

    private readonly string _path;
    private readonly List<DiagnosticInfo> _diagnostics = new();

    private ManifestParser(string path) => _path = path;

    /// <summary>Parses one manifest file.</summary>
    public static ManifestSpec Parse(string path, string text, CancellationToken cancellationToken = default)
    {
        var parser = new ManifestParser(path);
        var algorithms = parser.ParseDocument(text, cancellationToken);
        return new ManifestSpec(algorithms.ToEquatableArray(), parser._diagnostics.ToEquatableArray());
    }

    /// <summary>The part of a manifest's file name used in generated file names.</summary>
    public static string ManifestName(string path)
    {
        var name = Path.GetFileName(path);
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '-' ? c : '_').ToArray();
        return new string(chars);
    }

    private List<AlgorithmSpec> ParseDocument(string text, CancellationToken cancellationToken)
    {
        var result = new List<AlgorithmSpec>();
        var (root, error) = JsonReader.Parse(text);
        if (error is not null)
        {
            Report(DiagnosticDescriptors.InvalidJson, error.Span, error.Lines, error.Message);
            return result;
        }

        if (root!.Kind != JsonKind.Object)
        {
            Report(DiagnosticDescriptors.UnexpectedValueKind, root.Span, root.Lines, "The manifest", "an object", JsonNode.Describe(root.Kind));
            return result;
        }

        WarnUnknown(root, ManifestFormat.RootProperties, "not a manifest property");

        var ns = ManifestFormat.DefaultNamespace;
        var nsProperty = root.Property("namespace");
        if (nsProperty is not null && ExpectKind(nsProperty, JsonKind.String, "namespace"))
        {
            if (IsValidNamespace(nsProperty.Value.Text!))
                ns = nsProperty.Value.Text!;
            else
            {
                Report(DiagnosticDescriptors.InvalidNamespace, nsProperty.Value, nsProperty.Value.Text!);
                return result;
            }
        }

        var algorithms = root.Property("algorithms");
        if (algorithms is null)
        {
            Report(DiagnosticDescriptors.MissingProperty, root.Span, root.Lines, "The manifest", "algorithms", "an array of algorithm entries");
            return result;
        }

        if (!ExpectKind(algorithms, JsonKind.Array, "algorithms"))
            return result;

        var manifestName = ManifestName(_path);
        var classNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in algorithms.Value.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var spec = ParseEntry(item, ns, manifestName, classNames);
            if (spec is not null)
                result.Add(spec);
        }

        return result;
    }

    private AlgorithmSpec? ParseEntry(JsonNode entry, string ns, string manifestName, HashSet<string> classNames)
    {
        if (entry.Kind != JsonKind.Object)
        {
            Report(DiagnosticDescriptors.UnexpectedValueKind, entry, "An algorithm entry", "an object", JsonNode.Describe(entry.Kind));
            return null;
        }

        var errorsBefore = ErrorCount;
        WarnUnknown(entry, ManifestFormat.EntryProperties, "not an algorithm property");

        var className = RequiredString(entry, "class", "the name of the generated C# class", "An algorithm entry");
        var label = className ?? "An algorithm entry";
        if (className is not null)
        {
            var classNode = entry.Property("class")!.Value;
            var problem = ClassNameProblem(className);
            if (problem is not null)
                Report(DiagnosticDescriptors.InvalidClassName, classNode, className, problem);
            else if (!classNames.Add(className))
                Report(DiagnosticDescriptors.DuplicateClassName, classNode, className);
        }

        var kernelName = RequiredString(entry, "kernelName", "the kernel algorithm or driver name, for example cbc(aes)", label);
        if (kernelName is not null)
        {
            var problem = KernelNameProblem(kernelName);
            if (problem is not null)
                Report(DiagnosticDescriptors.InvalidKernelName, entry.Property("kernelName")!.Value, kernelName, problem);
        }

        var typeText = RequiredString(entry, "type", "hash, skcipher, aead or rng", label);
        var kind = ManifestFormat.ParseType(typeText);
        if (typeText is not null && kind is null)
            Report(DiagnosticDescriptors.UnknownType, entry.Property("type")!.Value, typeText, label);

        var description = OptionalString(entry, "description");
        var fips = OptionalBool(entry, "fipsApproved");
        var insecure = OptionalString(entry, "insecure");
        if (insecure is not null && insecure.Trim().Length == 0)
            Report(DiagnosticDescriptors.InvalidValue, entry.Property("insecure")!.Value, "insecure", "give the reason the algorithm is insecure");
        var minimumKernel = OptionalString(entry, "minimumKernel");
        if (minimumKernel is not null && !KernelVersionPattern.IsMatch(minimumKernel))
            Report(DiagnosticDescriptors.InvalidValue, entry.Property("minimumKernel")!.Value, "minimumKernel", "expected a kernel version such as \"4.10\"");
        var notes = OptionalString(entry, "notes");
        var driver = OptionalString(entry, "driver");
        if (driver is not null && (driver.Length == 0 || driver.Length > KernelFacts.MaxAlgorithmNameLength || driver.Any(ch => ch <= ' ' || ch > '~')))
            Report(DiagnosticDescriptors.InvalidValue, entry.Property("driver")!.Value, "driver", "expected a driver name as /proc/crypto lists it, such as \"virtio_crypto_aes_cbc\"");
        var hardwareOnly = OptionalBool(entry, "hardwareOnly");
        // An RNG class binds its kernelName as given (drbg_nopr_sha256 is a driver name already); a pin there would be ignored.
        if ((driver is not null || hardwareOnly == true) && kind == KernelAlgorithmType.Rng)
            Report(DiagnosticDescriptors.InvalidValue, (entry.Property("driver") ?? entry.Property("hardwareOnly"))!.Value,
                driver is not null ? "driver" : "hardwareOnly", "driver and hardwareOnly apply to skcipher, aead and hash entries; an rng entry names its driver in kernelName");
        var kernels = Kernels(entry);
        var access = Access(entry);

        if (kind is null)
            return null;

        var read = new ManifestEntry
        {
            Class = className ?? string.Empty,
            KernelName = kernelName ?? string.Empty,
            Type = kind.Value,
            Description = description,
            FipsApproved = fips,
            Insecure = insecure,
            MinimumKernel = minimumKernel,
            Kernels = kernels,
            RestrictedAccess = access,
            Driver = driver,
            HardwareOnly = hardwareOnly,
            Notes = notes,
        };
        var sized = ReadSizes(entry, read, label);
        if (ErrorCount != errorsBefore || sized is null || className is null || kernelName is null)
            return null;

        // An entry that says why it is insecure is a deliberate choice: its uses are flagged (TA0030).
        // One that does not is flagged here, and its uses are flagged all the same.
        if (insecure is null && KnownInsecure.ReasonFor(kernelName) is { } knownReason)
        {
            Report(DiagnosticDescriptors.InsecureAlgorithm, entry.Property("kernelName")!.Value, className, kernelName, knownReason);
            sized = sized with { Insecure = knownReason + "." };
        }

        return AlgorithmSpec.From(ns, manifestName, sized);
    }

    /// <summary>Reads and checks the size properties of the entry's type; null when one of them is wrong.</summary>
    private ManifestEntry? ReadSizes(JsonNode entry, ManifestEntry read, string label)
    {
        var errorsBefore = ErrorCount;
        var kind = read.Type;
        switch (kind)
        {
            case KernelAlgorithmType.Skcipher:
                read = read with
                {
                    KeySizes = KeySizes(entry, label, required: true),
                    IvSize = RequiredSize(entry, "ivSize", label, "the IV length in bytes (0 for ECB)", min: 0),
                    BlockSize = RequiredSize(entry, "blockSize", label, "the block size in bytes (1 for stream modes such as CTR)", min: 1),
                    WholeBlocks = OptionalBool(entry, "wholeBlocks"),
                };
                if (read.WholeBlocks == true && read.BlockSize == 1)
                    Report(DiagnosticDescriptors.ImpossibleSize, entry.Property("wholeBlocks")!.Value, label, "wholeBlocks needs a blockSize above 1");
                Unused(entry, kind, "minimumKeySize", "nonceSize", "nonceEncoding", "tagSize", "digestSize");
                break;

            case KernelAlgorithmType.Aead:
                read = read with
                {
                    KeySizes = KeySizes(entry, label, required: true),
                    NonceSize = RequiredSize(entry, "nonceSize", label, "the nonce length in bytes", min: 1),
                    TagSize = RequiredSize(entry, "tagSize", label, "the tag length in bytes (one per class)", min: 1),
                    NonceEncoding = OptionalString(entry, "nonceEncoding"),
                };
                var encoding = ParseNonceEncoding(entry, read.NonceEncoding);
                if (ErrorCount == errorsBefore)
                    CheckAead(entry, label, read, encoding);
                Unused(entry, kind, "minimumKeySize", "ivSize", "blockSize", "wholeBlocks", "digestSize");
                break;

            case KernelAlgorithmType.Hash:
                read = read with
                {
                    DigestSize = RequiredSize(entry, "digestSize", label, "the digest length in bytes", min: 1),
                    BlockSize = OptionalSize(entry, "blockSize", label, min: 1),
                };
                var minimumKey = entry.Property("minimumKeySize");
                if (entry.Property("keySizes") is not null && minimumKey is not null)
                    Report(DiagnosticDescriptors.InvalidValue, minimumKey.Value, label, "give either keySizes (fixed key lengths, e.g. CMAC) or minimumKeySize (any length, e.g. HMAC), not both");
                else if (minimumKey is not null)
                    read = read with { MinimumKeySize = OptionalSize(entry, "minimumKeySize", label, min: 1) };
                else if (entry.Property("keySizes") is not null)
                    read = read with { KeySizes = KeySizes(entry, label, required: false) };
                Unused(entry, kind, "ivSize", "wholeBlocks", "nonceSize", "nonceEncoding", "tagSize");
                break;

            case KernelAlgorithmType.Rng:
                Unused(entry, kind, "keySizes", "minimumKeySize", "ivSize", "blockSize", "wholeBlocks", "nonceSize", "nonceEncoding", "tagSize", "digestSize");
                break;
        }

        return ErrorCount == errorsBefore ? read : null;
    }

    private NonceEncoding ParseNonceEncoding(JsonNode entry, string? text)
    {
        switch (text)
        {
            case null:
            case ManifestFormat.RawNonceEncoding:
                return NonceEncoding.Raw;
            case ManifestFormat.CcmNonceEncoding:
                return NonceEncoding.Ccm;
            default:
                Report(DiagnosticDescriptors.InvalidValue, entry.Property("nonceEncoding")!.Value, "nonceEncoding", $"unknown encoding '{text}'; expected raw or ccm");
                return NonceEncoding.Raw;
        }
    }

    private void CheckAead(JsonNode entry, string label, ManifestEntry read, NonceEncoding encoding)
    {
        var kernelName = read.KernelName;
        var nonceSize = read.NonceSize ?? 0;
        var tagSize = read.TagSize ?? 0;
        var isCcm = kernelName.StartsWith("ccm(", StringComparison.Ordinal) || kernelName.StartsWith("ccm-", StringComparison.Ordinal);
        if (isCcm && encoding != NonceEncoding.Ccm)
            Report(DiagnosticDescriptors.InvalidValue, entry.Property("nonceSize")!.Value, label, "ccm takes its nonce inside a 16-byte counter block: add \"nonceEncoding\": \"ccm\"");
        if (encoding == NonceEncoding.Ccm && (nonceSize < KernelFacts.CcmMinNonceSize || nonceSize > KernelFacts.CcmMaxNonceSize))
            Report(DiagnosticDescriptors.ImpossibleSize, entry.Property("nonceSize")!.Value, label, $"a CCM nonce is {KernelFacts.CcmMinNonceSize} to {KernelFacts.CcmMaxNonceSize} bytes, not {nonceSize}");

        var allowed = AllowedTagSizes(kernelName, encoding);
        if (allowed is not null && Array.IndexOf(allowed, tagSize) < 0)
        {
            Report(DiagnosticDescriptors.UnsupportedTagSize, entry.Property("tagSize")!.Value, label, kernelName,
                tagSize.ToString(CultureInfo.InvariantCulture), string.Join(", ", allowed.Select(a => a.ToString(CultureInfo.InvariantCulture))));
        }
    }

    // Tag sizes the kernel's setauthsize accepts (crypto/gcm.c, ccm.c, chacha20poly1305.c).
    // Unknown AEADs are not checked: the kernel reports EINVAL when the instance is created.
    private static int[]? AllowedTagSizes(string kernelName, NonceEncoding encoding)
    {
        if (kernelName.StartsWith("gcm(", StringComparison.Ordinal) || kernelName.StartsWith("rfc4106(", StringComparison.Ordinal))
            return kernelName.StartsWith("gcm(", StringComparison.Ordinal) ? new[] { 4, 8, 12, 13, 14, 15, 16 } : new[] { 8, 12, 16 };
        if (encoding == NonceEncoding.Ccm || kernelName.StartsWith("ccm(", StringComparison.Ordinal))
            return new[] { 4, 6, 8, 10, 12, 14, 16 };
        if (kernelName.StartsWith("rfc7539(", StringComparison.Ordinal) || kernelName.StartsWith("rfc7539esp(", StringComparison.Ordinal))
            return new[] { 16 };
        return null;
    }
}
