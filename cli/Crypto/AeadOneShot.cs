using System.Security.Cryptography;
using TypedAlg.Cli.Io;
using TypedAlg.Runtime;

namespace TypedAlg.Cli.Crypto;

/// <summary>
/// AEAD in kcapi-enc's layout: encryption writes AAD || ciphertext || tag; decryption reads the ciphertext
/// (tag from --tag) and writes AAD || plaintext, and nothing at all when the tag does not match.
/// An AEAD message is one kernel request, so the input is read whole (bounded by the socket buffers).
/// </summary>
internal static class AeadOneShot
{
    public static void Encrypt(AeadCore core, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, Input input, Output output)
    {
        var plaintext = ReadMessage(core, aad.Length, input);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[core.TagSize];
        try
        {
            core.Encrypt(nonce, plaintext, ciphertext, tag, aad);
            output.Write(aad);
            output.Write(ciphertext);
            output.Write(tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public static void Decrypt(AeadCore core, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> tag, Input input, Output output)
    {
        var ciphertext = ReadMessage(core, aad.Length, input);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            core.Decrypt(nonce, ciphertext, tag, plaintext, aad);
            output.Write(aad);
            output.Write(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] ReadMessage(AeadCore core, int aadLength, Input input) =>
        input.ReadAll(
            Math.Max(0, core.MaxMessageLength - aadLength - core.TagSize),
            "an AEAD message is one kernel request, bounded by the socket buffers (raise net.core.wmem_max and rmem_max for more)");
}
