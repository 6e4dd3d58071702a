using System.Runtime.InteropServices;
using System.Text;
using TypedAlg.Runtime.Interop;

namespace TypedAlg.Runtime;

/// <summary>
/// Small helpers over the kernel key retention service (add_key/keyctl), so keys can be handed to AF_ALG by serial
/// (Linux 6.2+) without the key bytes staying in the process. Meant for tests and samples.
/// </summary>
public static class Keyring
{
    /// <summary>The calling thread's keyring.</summary>
    public const int ThreadKeyring = -1;

    /// <summary>The calling process's keyring (created on first use; the process possesses its keys).</summary>
    public const int ProcessKeyring = -2;

    /// <summary>The session keyring.</summary>
    public const int SessionKeyring = -3;

    /// <summary>The user's keyring.</summary>
    public const int UserKeyring = -4;

    private const int KEYCTL_REVOKE = 3;
    private const int KEYCTL_UNLINK = 9;
    private const int KEYCTL_SET_TIMEOUT = 15;
    private const int KEYCTL_INVALIDATE = 21;

    /// <summary>Adds a key to the process keyring (add_key).</summary>
    /// <param name="type"><c>user</c> (readable back) or <c>logon</c> (never readable from user space; description <c>prefix:name</c>).</param>
    /// <param name="description">The key's description.</param>
    /// <param name="payload">The key bytes (1..32767 for user/logon keys).</param>
    /// <returns>The key serial.</returns>
    public static int AddKey(string type, string description, ReadOnlySpan<byte> payload) =>
        AddKey(type, description, payload, ProcessKeyring);

    /// <summary>Adds a key to a keyring (add_key).</summary>
    /// <param name="type"><c>user</c> or <c>logon</c>.</param>
    /// <param name="description">The key's description (<c>prefix:name</c> for logon keys).</param>
    /// <param name="payload">The key bytes (1..32767 for user/logon keys).</param>
    /// <param name="keyring">A keyring serial or one of the special ids such as <see cref="ProcessKeyring"/>.</param>
    /// <returns>The key serial.</returns>
    public static unsafe int AddKey(string type, string description, ReadOnlySpan<byte> payload, int keyring)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(description);
        if (payload.Length is < 1 or > 32767)
        {
            throw new ArgumentException($"The payload must be 1..32767 bytes; it is {payload.Length}.", nameof(payload));
        }

        if (type == "logon" && !description.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A logon key's description must have the form 'prefix:name'.", nameof(description));
        }

        var typeZ = Encoding.UTF8.GetBytes(type + "\0");
        var descriptionZ = Encoding.UTF8.GetBytes(description + "\0");
        fixed (byte* t = typeZ)
        fixed (byte* d = descriptionZ)
        fixed (byte* p = payload)
        {
            var serial = Libc.syscall(SyscallNumbers.AddKey, (nint)t, (nint)d, (nint)p, payload.Length, keyring);
            if (serial < 0)
            {
                throw KernelErrors.Create(Marshal.GetLastPInvokeError(), AlgCall.AddKey, "keyring", null, new KernelSnapshot());
            }

            return (int)serial;
        }
    }

    /// <summary>Revokes a key: later uses fail with EKEYREVOKED.</summary>
    /// <param name="keySerial">The key serial.</param>
    public static void Revoke(int keySerial) => KeyControl(KEYCTL_REVOKE, keySerial, 0);

    /// <summary>Sets a key to expire after <paramref name="seconds"/> (0 clears the timeout).</summary>
    /// <param name="keySerial">The key serial.</param>
    /// <param name="seconds">Seconds until expiry.</param>
    public static void SetTimeout(int keySerial, uint seconds) => KeyControl(KEYCTL_SET_TIMEOUT, keySerial, (nint)seconds);

    /// <summary>Invalidates a key: it is removed at once.</summary>
    /// <param name="keySerial">The key serial.</param>
    public static void Invalidate(int keySerial) => KeyControl(KEYCTL_INVALIDATE, keySerial, 0);

    /// <summary>Removes a key from a keyring.</summary>
    /// <param name="keySerial">The key serial.</param>
    /// <param name="keyring">The keyring (default: the process keyring).</param>
    public static void Unlink(int keySerial, int keyring = ProcessKeyring) => KeyControl(KEYCTL_UNLINK, keySerial, keyring);

    private static void KeyControl(int operation, int keySerial, nint argument)
    {
        if (Libc.syscall(SyscallNumbers.KeyCtl, operation, keySerial, argument, 0, 0) < 0)
        {
            throw KernelErrors.Create(Marshal.GetLastPInvokeError(), AlgCall.KeyControl, "keyring", null, new KernelSnapshot(), keySerial);
        }
    }
}
