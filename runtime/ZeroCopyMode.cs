namespace TypedAlg.Runtime;

/// <summary>How large inputs reach the kernel.</summary>
public enum ZeroCopyMode
{
    /// <summary>
    /// Ciphers: vmsplice+splice at or above <see cref="TypedAlgOptions.ZeroCopyThreshold"/>, send() below it.
    /// Hashes: always send(), which maps the caller's pages itself.
    /// </summary>
    Auto = 0,

    /// <summary>Always send(): one copy into the kernel, fewest system calls for small inputs.</summary>
    Never,

    /// <summary>vmsplice+splice for every non-empty input. Falls back to send() when the kernel or a seccomp filter refuses.</summary>
    Always,
}
