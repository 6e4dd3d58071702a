using System.Diagnostics;
using System.Text;
using Xunit;

namespace TypedAlg.Cli.KernelTests;

internal sealed record Run(int ExitCode, byte[] Stdout, string Stderr)
{
    public string Text => Encoding.ASCII.GetString(Stdout);
}

/// <summary>typedalg in-process (one CLI run per call, no runtime start-up per case) and the reference peers as processes.</summary>
internal static class Tools
{
    /// <summary>The sizes issue 6 names: empty, around one AES block, around a page, 64 KiB, odd and past 1 MiB.</summary>
    public static readonly int[] Sizes = [0, 1, 15, 16, 17, 4095, 4096, 65536, 100001, (1 << 20) + 1];

    public static readonly string Dir = Directory.CreateTempSubdirectory("typedalg-cli-kt").FullName;

    /// <summary>Deterministic data whose bytes are all >= 16, so no block ends in something kcapi-enc takes for padding.</summary>
    public static byte[] Data(int size) => Enumerable.Range(0, size).Select(i => (byte)(((i * 131) + 17) % 240 + 16)).ToArray();

    public static string File(string name, byte[] bytes)
    {
        var path = Path.Combine(Dir, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs typedalg; "KEYFD" in an argument becomes a descriptor open on <paramref name="keyFile"/>.</summary>
    public static Run Ours(string[] args, byte[]? stdin = null, string? keyFile = null)
    {
        using var key = keyFile is null ? null : new FileStream(keyFile, FileMode.Open, FileAccess.Read);
        var fd = key is null ? "-1" : key.SafeFileHandle.DangerousGetHandle().ToString();
        var stdout = new MemoryStream();
        var stderr = new StringWriter { NewLine = "\n" };
        var context = new CliContext(new MemoryStream(stdin ?? []), stdout, stderr, stderrIsTerminal: false) { WorkingDirectory = Dir };
        var exit = Program.Run(args.Select(a => a == "KEYFD" ? fd : a).ToArray(), context);
        return new Run(exit, stdout.ToArray(), stderr.ToString());
    }

    /// <summary>Runs a peer (kcapi-dgst, kcapi-enc, kcapi-rng, openssl, sha256sum) through bash, for redirections such as 3&lt;key.</summary>
    public static Run Peer(string tool, string arguments, byte[]? stdin = null)
    {
        if (!Installed(tool))
        {
            Assert.Fail($"{tool} is not installed in this guest (it sees the host's /usr: install kcapi-tools, openssl and coreutils on the host); the compatibility test needs the real tool");
        }

        var start = new ProcessStartInfo("/bin/bash", ["-c", $"exec {tool} {arguments}"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Dir,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        process.StandardInput.BaseStream.Write(stdin ?? []);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        return new Run(process.ExitCode, stdout.ToArray(), stderr.Result);
    }

    public static string Q(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static bool Installed(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(d => System.IO.File.Exists(Path.Combine(d, tool)));
}
