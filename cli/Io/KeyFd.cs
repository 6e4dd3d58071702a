using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace TypedAlg.Cli.Io;

/// <summary>
/// Reads a key from an inherited file descriptor (--keyfd N, as kcapi-tools do), so the key never appears in
/// the process list. kcapi-tools read at most 32 bytes; we read up to <see cref="MaxKeyLength"/> (XTS-256 needs 64).
/// </summary>
internal static class KeyFd
{
    public const int MaxKeyLength = 1024;

    /// <summary>Reads the whole key; the caller zeroes the returned array when done.</summary>
    public static byte[] Read(int fd)
    {
        if (fd < 0)
        {
            throw CliException.Usage($"--keyfd: {fd} is not a file descriptor");
        }

        var buffer = new byte[MaxKeyLength + 1];
        var length = 0;
        try
        {
            using var handle = new SafeFileHandle(fd, ownsHandle: false);
            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            int n;
            while (length < buffer.Length && (n = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += n;
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or NotSupportedException)
        {
            CryptographicOperations.ZeroMemory(buffer);
            throw CliException.Usage($"--keyfd {fd}: cannot read a key from this file descriptor ({e.Message.TrimEnd('.')}); open it in the shell, e.g. 3<key.bin");
        }

        if (length == 0 || length > MaxKeyLength)
        {
            CryptographicOperations.ZeroMemory(buffer);
            throw CliException.Usage(length == 0
                ? $"--keyfd {fd}: the file descriptor gave no key bytes"
                : $"--keyfd {fd}: the key is longer than {MaxKeyLength} bytes");
        }

        var key = buffer[..length];
        CryptographicOperations.ZeroMemory(buffer);
        return key;
    }
}
