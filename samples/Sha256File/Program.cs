// SHA-256 of a file, computed by the running kernel through AF_ALG, printed sha256sum-style
// next to the kernel that computed it.
//   Sha256File [FILE]      (default: this program's own assembly)
//   Sha256File --probe     exit 0 when this kernel offers AF_ALG, 3 when it does not
using TypedAlg.Runtime;

const int NoAfAlg = 3;

if (args is ["--probe"])
{
    try
    {
        using var probe = new HashCore("sha256", 32);
        return 0;
    }
    catch (AfAlgUnavailableException)
    {
        return NoAfAlg;
    }
}

string path = args.Length > 0 ? args[0] : typeof(HashCore).Assembly.Location;
try
{
    using var sha256 = new HashCore("sha256", 32);
    using var file = File.OpenRead(path);
    var buffer = new byte[64 * 1024];
    int read;
    while ((read = file.Read(buffer)) > 0)
    {
        sha256.Append(buffer.AsSpan(0, read));
    }

    Span<byte> digest = stackalloc byte[32];
    sha256.GetHashAndReset(digest);
    Console.WriteLine($"{Convert.ToHexStringLower(digest)}  {path}");
    Console.WriteLine($"computed by Linux {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()} through AF_ALG");
    return 0;
}
catch (AfAlgUnavailableException e)
{
    Console.Error.WriteLine(e.Message);
    return NoAfAlg;
}
catch (IOException e)
{
    Console.Error.WriteLine($"Sha256File: {e.Message}");
    return 1;
}
