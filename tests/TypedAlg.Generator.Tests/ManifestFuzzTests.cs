using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Xunit;

namespace TypedAlg.Generator.Tests;

/// <summary>
/// Mutation fuzzing of the manifest reader and the whole generator, seeded from the committed corpus (Corpus/ plus the
/// repository's manifests). For every input: no exception escapes the generator; invalid JSON always gets an error
/// diagnostic; and an input with no error diagnostic generates one class per entry, and that code compiles.
/// ./test runs a bounded number of inputs; longer runs:
///   TYPEDALG_MANIFEST_FUZZ_ITERATIONS=20000 [TYPEDALG_MANIFEST_FUZZ_SEED=n] dotnet TypedAlg.Generator.Tests.dll -class TypedAlg.Generator.Tests.ManifestFuzzTests
/// A failing input is written to the temp directory and named in the message: add it to Corpus/ once fixed.
/// </summary>
public sealed class ManifestFuzzTests
{
    // Pieces a mutation splices in: JSON syntax, values of every kind, names the schema uses, hostile text.
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "/*", "*/", "//", "\n", "\u0000", "\uFEFF", "\uD800", "null", "true", "false",
        "0", "-0", "1e400", "-1", "2147483648", "1.5", "16", "12", "32", "\"\"", "\"hash\"", "\"skcipher\"", "\"aead\"", "\"rng\"",
        "\"class\"", "\"kernelName\"", "\"type\"", "\"digestSize\"", "\"keySizes\"", "\"ivSize\"", "\"blockSize\"", "\"nonceSize\"",
        "\"tagSize\"", "\"nonceEncoding\"", "\"ccm\"", "\"minimumKeySize\"", "\"minimumKernel\"", "\"insecure\"", "\"fipsApproved\"",
        "\"namespace\"", "\"algorithms\"", "\"description\"", "\"A.B\"", "\"global::X\"", "\"@class\"", "\"Key128\"", "\"Nonce\"",
        "\"cbc(aes)\"", "\"gcm(aes)\"", "\"x\\u0000y\"", "\"</summary>\"", "\"*/ #error\"", "[16, 24, 32]", "[]", "{}",
        new string('9', 400), "\"" + new string('a', 300) + "\"",
    ];

    [Fact]
    public void MutatedManifestsNeverCrashAndAlwaysDiagnoseOrCompile()
    {
        var iterations = Setting("TYPEDALG_MANIFEST_FUZZ_ITERATIONS", 250);
        var seed = Setting("TYPEDALG_MANIFEST_FUZZ_SEED", 8);
        var corpus = Corpus();
        var random = new Random(seed);
        int compiled = 0, diagnosed = 0;
        for (var i = 0; i < iterations; i++)
        {
            var input = Mutate(corpus[random.Next(corpus.Length)], corpus, random);
            var verdict = Check(input, out var hadErrors);
            if (verdict.Length > 0)
            {
                var file = Path.Combine(Path.GetTempPath(), $"typedalg-fuzz-{seed}-{i}.algorithms.json");
                File.WriteAllText(file, input);
                Assert.Fail($"Input {i} (seed {seed}, saved to {file}): {verdict}");
            }

            _ = hadErrors ? diagnosed++ : compiled++;
        }

        TestContext.Current.SendDiagnosticMessage($"{iterations} manifests: {diagnosed} diagnosed, {compiled} generated and compiled");
        Assert.True(compiled > 0 && diagnosed > 0, "the mutations should reach both outcomes");
    }

    [Fact]
    public void EveryCorpusFileIsHandled()
    {
        foreach (var input in Corpus())
        {
            Assert.True(Check(input, out _) is "" , $"{Check(input, out _)}\n{input}");
        }
    }

    /// <summary>Empty when the generator behaved; else what went wrong.</summary>
    private static string Check(string input, out bool errors)
    {
        errors = false;
        GeneratorDriverRunResult run;
        try
        {
            run = GeneratorRunner.Run(input);
        }
        catch (Exception e)
        {
            return "the generator driver threw: " + e;
        }

        var result = run.Results.Single();
        if (result.Exception is not null)
        {
            return "the generator threw: " + result.Exception;
        }

        errors = run.Diagnostics.Any(IsError);
        if (run.Diagnostics.FirstOrDefault(d => !d.Id.StartsWith("TA1", StringComparison.Ordinal)) is { } foreign)
        {
            return "a diagnostic that is not the generator's own: " + foreign;
        }

        var entries = EntryCount(input, out var validJson);
        if (!validJson && !errors)
        {
            return "invalid JSON without an error diagnostic";
        }

        if (errors)
        {
            return "";
        }

        if (entries is int n && result.GeneratedSources.Length != n)
        {
            return $"no error diagnostic, but {result.GeneratedSources.Length} classes for {n} entries";
        }

        var compilation = GeneratorRunner.CreateCompilation("class Empty { }")
            .AddSyntaxTrees(result.GeneratedSources.Select(s => s.SyntaxTree));
        var compileErrors = compilation.GetDiagnostics().Where(IsError).Take(3).ToList();
        return compileErrors.Count == 0 ? "" : "no error diagnostic, but the generated code does not compile: " + string.Join("; ", compileErrors);
    }

    private static bool IsError(Diagnostic d) => d.Severity == DiagnosticSeverity.Error;

    /// <summary>The number of entries per System.Text.Json (comments allowed, as in the manifest format).</summary>
    private static int? EntryCount(string input, out bool valid)
    {
        try
        {
            using var doc = JsonDocument.Parse(input.TrimStart('\uFEFF'), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1000 });
            valid = true;
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("algorithms", out var a) && a.ValueKind == JsonValueKind.Array
                ? a.GetArrayLength()
                : null;
        }
        catch (JsonException)
        {
            valid = false;
            return null;
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates: no UTF-8 file can hold them (decoding gives U+FFFD), so JSON validity is moot.
            valid = true;
            return null;
        }
    }

    private static string Mutate(string text, string[] corpus, Random random)
    {
        var s = new StringBuilder(text);
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds && s.Length > 0; r++)
        {
            var at = random.Next(s.Length);
            var length = Math.Min(s.Length - at, 1 + random.Next(12));
            switch (random.Next(8))
            {
                case 0: s.Remove(at, length); break;                                         // delete
                case 1: s.Insert(at, Tokens[random.Next(Tokens.Length)]); break;            // insert a token
                case 2: s.Remove(at, length).Insert(at, Tokens[random.Next(Tokens.Length)]); break; // replace
                case 3: s.Insert(random.Next(s.Length), s.ToString(at, length)); break;    // duplicate a piece
                case 4: s.Length = at; break;                                                // truncate
                case 5: s[at] = (char)random.Next(0, 0x3000); break;                         // any character
                case 6:
                {
                    // Splice a piece of another corpus file (mixes structures from different seeds).
                    var other = corpus[random.Next(corpus.Length)];
                    var from = random.Next(other.Length);
                    s.Insert(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(80))));
                    break;
                }

                default:
                {
                    // Replace one number with an extreme or off-by-one value: the semantic checks' edges.
                    var digit = IndexOfDigit(s, at);
                    if (digit >= 0)
                    {
                        var end = digit;
                        while (end < s.Length && char.IsAsciiDigit(s[end]))
                        {
                            end++;
                        }

                        string[] numbers = ["0", "1", "-1", "7", "15", "17", "33", "65", "255", "256", "4096", "99999999999", "0.5"];
                        s.Remove(digit, end - digit).Insert(digit, numbers[random.Next(numbers.Length)]);
                    }

                    break;
                }
            }
        }

        return s.ToString();
    }

    private static int IndexOfDigit(StringBuilder s, int from)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var j = (from + i) % s.Length;
            if (char.IsAsciiDigit(s[j]))
            {
                return j;
            }
        }

        return -1;
    }

    private static string[] Corpus()
    {
        var root = GeneratorRunner.RepositoryRoot();
        return Directory.GetFiles(Path.Combine(GeneratorRunner.TestProjectDirectory(), "Corpus"), "*.json")
            .Append(Path.Combine(root, "algorithms.json"))
            .Append(Path.Combine(GeneratorRunner.TestProjectDirectory(), "Manifests", "edge-cases.algorithms.json"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
