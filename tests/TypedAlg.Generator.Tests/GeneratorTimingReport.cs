using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace TypedAlg.Generator.Tests;

/// <summary>
/// Prints how long a full (uncached) generator run takes for the default manifest and a synthetic
/// 500-entry one. A report, not a timed assertion (machines differ); it asserts only that every entry
/// was generated. Read the numbers with: -class TypedAlg.Generator.Tests.GeneratorTimingReport -showLiveOutput
/// </summary>
public sealed class GeneratorTimingReport(ITestOutputHelper output)
{
    [Fact]
    public void ReportGenerationTimes()
    {
        var defaultManifest = GeneratorRunner.DefaultManifestText();
        var synthetic = SyntheticManifest(500);

        Measure("default manifest (22 entries)", defaultManifest, 22);
        Measure("synthetic manifest (500 entries)", synthetic, 500);
    }

    private void Measure(string label, string manifest, int expectedFiles)
    {
        // First run pays for JIT; report it separately from the steady state.
        var cold = Stopwatch.StartNew();
        var first = GeneratorRunner.RunOnce(manifest);
        cold.Stop();
        Assert.Equal(expectedFiles, first.GeneratedTrees.Length);

        // The generator's own work: parse the manifest and emit every class's text.
        var own = Median(() =>
        {
            var spec = TypedAlg.Generator.Manifest.ManifestParser.Parse("/src/algorithms.json", manifest);
            var chars = spec.Algorithms.Sum(a => TypedAlg.Generator.Emit.ClassEmitter.Emit(a, TypedAlg.Generator.Model.BackendSpec.KernelOnly).Length);
            Assert.True(chars > 0);
        });

        // A whole driver run, as the compiler does it: also includes Roslyn parsing the generated C#.
        var driver = Median(() => GeneratorRunner.RunOnce(manifest));
        var timed = GeneratorRunner.CreateDriver(new InMemoryAdditionalText("/src/algorithms.json", manifest))
            .RunGenerators(GeneratorRunner.CreateCompilation("class Empty { }"), TestContext.Current.CancellationToken);
        var reported = timed.GetTimingInfo().GeneratorTimes.Single().ElapsedTime.TotalMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: parse+emit median {own:F1} ms; full driver run median {driver:F1} ms (driver-reported generator time {reported:F1} ms); first cold run {cold.Elapsed.TotalMilliseconds:F1} ms"));
    }

    private static double Median(Action action)
    {
        var runs = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            runs.Add(watch.Elapsed.TotalMilliseconds);
        }

        runs.Sort();
        return runs[runs.Count / 2];
    }

    private static string SyntheticManifest(int count)
    {
        // A mix of all kinds, as a large real manifest would be.
        var templates = new[]
        {
            "\"kernelName\": \"cbc(aes)\", \"type\": \"skcipher\", \"keySizes\": [16, 24, 32], \"ivSize\": 16, \"blockSize\": 16, \"wholeBlocks\": true",
            "\"kernelName\": \"gcm(aes)\", \"type\": \"aead\", \"keySizes\": [16, 32], \"nonceSize\": 12, \"tagSize\": 16",
            "\"kernelName\": \"sha256\", \"type\": \"hash\", \"digestSize\": 32, \"blockSize\": 64",
            "\"kernelName\": \"hmac(sha256)\", \"type\": \"hash\", \"minimumKeySize\": 32, \"digestSize\": 32",
            "\"kernelName\": \"stdrng\", \"type\": \"rng\"",
        };
        var sb = new StringBuilder("{ \"namespace\": \"Synthetic\", \"algorithms\": [\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {{ \"class\": \"Algorithm{i}\", {templates[i % templates.Length]}, \"fipsApproved\": true }}");
            sb.Append(i + 1 < count ? ",\n" : "\n");
        }

        return sb.Append("] }").ToString();
    }
}
