namespace TypedAlg.Runtime;

/// <summary>
/// Process-wide defaults. <see cref="ZeroCopy"/> is copied into each <see cref="HashCore"/> and <see cref="SkcipherCore"/>
/// when it is created (change it there per instance); <see cref="ZeroCopyThreshold"/> is read on every call.
/// </summary>
public static class TypedAlgOptions
{
    private static int s_threshold = 64 * 1024;

    /// <summary>The default zero-copy mode for new <see cref="HashCore"/> and <see cref="SkcipherCore"/> instances.</summary>
    public static ZeroCopyMode ZeroCopy { get; set; } = ZeroCopyMode.Auto;

    /// <summary>
    /// Inputs of at least this many bytes go through vmsplice+splice in <see cref="ZeroCopyMode.Auto"/> (default 64 KiB;
    /// below it, one memcpy is cheaper than the extra system calls).
    /// </summary>
    public static int ZeroCopyThreshold
    {
        get => Volatile.Read(ref s_threshold);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Volatile.Write(ref s_threshold, value);
        }
    }
}
