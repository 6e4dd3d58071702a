namespace TypedAlg.Runtime;

/// <summary>
/// Process-wide defaults. <see cref="ZeroCopy"/> is copied into each <see cref="HashCore"/> and <see cref="SkcipherCore"/>
/// when it is created (change it there per instance); <see cref="ZeroCopyThreshold"/> is read on every call.
/// </summary>
public static class TypedAlgOptions
{
    private static int s_threshold = DefaultZeroCopyThreshold;

    /// <summary>The default zero-copy mode for new <see cref="HashCore"/> and <see cref="SkcipherCore"/> instances.</summary>
    public static ZeroCopyMode ZeroCopy { get; set; } = ZeroCopyMode.Auto;

    /// <summary>
    /// <see cref="SkcipherCore"/> inputs of at least this many bytes go through vmsplice+splice in
    /// <see cref="ZeroCopyMode.Auto"/> (default 16 KiB, measured on Linux 6.12 and 7.3: bench/README.md). Hashes do not
    /// use it: algif_hash maps the caller's pages for send() too, so <see cref="ZeroCopyMode.Auto"/> hashes always send.
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

    /// <summary>
    /// The skcipher threshold, from the tuning variants of bench/run --icount (splice/send for cbc(aes), same boot):
    /// Linux 6.12: 0.99x at 4 KiB, 1.07x at 8 KiB, 1.12x at 16 KiB, 1.18x at 64 KiB and 1 MiB.
    /// Linux 7.3, which copies spliced skcipher data instead of mapping it: 0.98x at 4 KiB, 1.01x at 8 KiB, 1.02x at
    /// 16 KiB, 1.03-1.04x from 32 KiB to 1 MiB.
    /// The crossover is 8 KiB on both, but there a splice makes four system calls where send() and libkcapi make two,
    /// so both kernels get 16 KiB; the difference between them is how much a splice saves, not where it starts to.
    /// </summary>
    internal const int DefaultZeroCopyThreshold = 16 * 1024;
}
