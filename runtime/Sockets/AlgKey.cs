namespace TypedAlg.Runtime;

/// <summary>
/// The key a bound socket gets before its first accept: none (an unkeyed hash), bytes (ALG_SET_KEY; for a DRBG the
/// personalization string that seeds it, possibly empty) or a kernel keyring key (ALG_SET_KEY_BY_KEY_SERIAL).
/// </summary>
internal readonly ref struct AlgKey
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly int _serial;
    private readonly bool _set;

    private AlgKey(ReadOnlySpan<byte> bytes, int serial)
    {
        _bytes = bytes;
        _serial = serial;
        _set = true;
    }

    /// <summary>No key: ALG_SET_KEY is not called.</summary>
    internal static AlgKey None => default;

    /// <summary>ALG_SET_KEY with these bytes, even when empty (an empty value seeds a DRBG from the kernel's entropy).</summary>
    internal static AlgKey FromBytes(ReadOnlySpan<byte> key) => new(key, 0);

    /// <summary>ALG_SET_KEY_BY_KEY_SERIAL with a positive key serial.</summary>
    internal static AlgKey FromSerial(int keySerial) => new(default, keySerial);

    internal void SetOn(AlgSocket bound)
    {
        if (!_set)
        {
            return;
        }

        if (_serial != 0)
        {
            bound.SetKeySerial(_serial);
        }
        else
        {
            bound.SetKey(_bytes);
        }
    }
}
