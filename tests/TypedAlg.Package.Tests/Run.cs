using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace TypedAlg.Package.Tests;

/// <summary>The result of a child process: exit code and stdout + stderr interleaved as they arrived.</summary>
internal sealed record ProcessResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>Runs dotnet (and the kernel harness) as child processes with a clean MSBuild environment.</summary>
internal static class Run
{
    /// <summary>The repository root, recorded at build time (Directory.Build.props' RepositoryRoot).</summary>
    public static string RepositoryRoot { get; } =
        typeof(Run).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static string DotnetPath =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="directory"/>.</summary>
    public static Task<ProcessResult> DotnetAsync(string directory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ProcessAsync(DotnetPath, directory, environment, TimeSpan.FromMinutes(5), args);

    /// <summary>Runs <c>dotnet ARGS</c> with a timeout of its own (a NativeAOT publish takes minutes on 2 busy cores).</summary>
    public static Task<ProcessResult> DotnetAsync(string directory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] args) =>
        ProcessAsync(DotnetPath, directory, environment, timeout, args);

    /// <summary>Runs a program with arguments; kills the whole process tree when it outlives the timeout.</summary>
    public static async Task<ProcessResult> ProcessAsync(string fileName, string directory,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A test host started by `dotnet test` passes MSBuild's own variables down; a child build must not inherit them.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit(); // drains the redirected streams
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString());
        }
    }
}
