namespace TypedAlg.Runtime.Interop;

/// <summary>ABI numbers from include/uapi/linux/if_alg.h, socket.h and errno.h (x86-64 and arm64 agree).</summary>
internal static class AlgConstants
{
    internal const int AF_ALG = 38;
    internal const int SOCK_SEQPACKET = 5;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const int O_CLOEXEC = 0x80000;
    internal const int SOL_ALG = 279;
    internal const int SOL_SOCKET = 1;
    internal const int SO_SNDBUF = 7;
    internal const int SO_RCVBUF = 8;

    internal const int ALG_SET_KEY = 1;

    /// <summary>The one flag af_alg_bind accepts in salg_feat/salg_mask: an implementation only a driver (hardware) provides.</summary>
    internal const uint CRYPTO_ALG_KERN_DRIVER_ONLY = 0x1000;

    internal const int ALG_SET_IV = 2;
    internal const int ALG_SET_OP = 3;
    internal const int ALG_SET_AEAD_ASSOCLEN = 4;
    internal const int ALG_SET_AEAD_AUTHSIZE = 5;
    internal const int ALG_SET_DRBG_ENTROPY = 6;
    internal const int ALG_SET_KEY_BY_KEY_SERIAL = 7;

    internal const uint ALG_OP_DECRYPT = 0;
    internal const uint ALG_OP_ENCRYPT = 1;

    internal const int MSG_MORE = 0x8000;
    internal const int MSG_DONTWAIT = 0x40;
    internal const int MSG_TRUNC = 0x20;
    internal const uint SPLICE_F_MORE = 4;

    internal const int PageSize = 4096;

    /// <summary>The kernel hands out at most this many bytes per rng recv.</summary>
    internal const int RngMaxRecv = 128;
}

/// <summary>errno values TypedAlg distinguishes, and the text of those it reports.</summary>
internal static class Errno
{
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int ENOMEM = 12;
    internal const int ENFILE = 23;
    internal const int EMFILE = 24;
    internal const int EACCES = 13;
    internal const int EFAULT = 14;
    internal const int EBUSY = 16;
    internal const int EINVAL = 22;
    internal const int ENAMETOOLONG = 36;
    internal const int ENOSYS = 38;
    internal const int EBADMSG = 74;
    internal const int ENOPROTOOPT = 92;
    internal const int EOPNOTSUPP = 95;
    internal const int EAFNOSUPPORT = 97;
    internal const int ENOKEY = 126;
    internal const int EKEYEXPIRED = 127;
    internal const int EKEYREVOKED = 128;

    // Name and text of the errnos AF_ALG, keyctl, pipe and splice give (Linux numbers: the same on x86-64 and arm64).
    // Messages are built from this table, never from strerror: an error path then makes no native call and
    // allocates only its message (under RLIMIT_NOFILE exhaustion on 5.10, Marshal.GetPInvokeErrorMessage threw
    // OutOfMemoryException instead of the EMFILE exception being built).
    private static readonly Dictionary<int, (string Name, string Text)> s_known = new()
    {
        [EPERM] = ("EPERM", "Operation not permitted"),
        [ENOENT] = ("ENOENT", "No such file or directory"),
        [EINTR] = ("EINTR", "Interrupted system call"),
        [5] = ("EIO", "Input/output error"),
        [6] = ("ENXIO", "No such device or address"),
        [7] = ("E2BIG", "Argument list too long"),
        [9] = ("EBADF", "Bad file descriptor"),
        [EAGAIN] = ("EAGAIN", "Resource temporarily unavailable"),
        [ENOMEM] = ("ENOMEM", "Cannot allocate memory"),
        [EACCES] = ("EACCES", "Permission denied"),
        [EFAULT] = ("EFAULT", "Bad address"),
        [EBUSY] = ("EBUSY", "Device or resource busy"),
        [17] = ("EEXIST", "File exists"),
        [19] = ("ENODEV", "No such device"),
        [EINVAL] = ("EINVAL", "Invalid argument"),
        [ENFILE] = ("ENFILE", "Too many open files in system"),
        [EMFILE] = ("EMFILE", "Too many open files"),
        [28] = ("ENOSPC", "No space left on device"),
        [32] = ("EPIPE", "Broken pipe"),
        [34] = ("ERANGE", "Numerical result out of range"),
        [35] = ("EDEADLK", "Resource deadlock avoided"),
        [ENAMETOOLONG] = ("ENAMETOOLONG", "File name too long"),
        [ENOSYS] = ("ENOSYS", "Function not implemented"),
        [EBADMSG] = ("EBADMSG", "Bad message"),
        [75] = ("EOVERFLOW", "Value too large for defined data type"),
        [80] = ("ELIBBAD", "Accessing a corrupted shared library"),
        [88] = ("ENOTSOCK", "Socket operation on non-socket"),
        [90] = ("EMSGSIZE", "Message too long"),
        [ENOPROTOOPT] = ("ENOPROTOOPT", "Protocol not available"),
        [93] = ("EPROTONOSUPPORT", "Protocol not supported"),
        [94] = ("ESOCKTNOSUPPORT", "Socket type not supported"),
        [EOPNOTSUPP] = ("EOPNOTSUPP", "Operation not supported"),
        [EAFNOSUPPORT] = ("EAFNOSUPPORT", "Address family not supported by protocol"),
        [110] = ("ETIMEDOUT", "Connection timed out"),
        [122] = ("EDQUOT", "Disk quota exceeded"),
        [ENOKEY] = ("ENOKEY", "Required key not available"),
        [EKEYEXPIRED] = ("EKEYEXPIRED", "Key has expired"),
        [EKEYREVOKED] = ("EKEYREVOKED", "Key has been revoked"),
        [129] = ("EKEYREJECTED", "Key was rejected by service"),
    };

    /// <summary>"Too many open files (EMFILE, errno 24)"; "errno N" for a number outside the table.</summary>
    internal static string Describe(int errno) =>
        s_known.TryGetValue(errno, out var known) ? $"{known.Text} ({known.Name}, errno {errno})" : $"errno {errno}";
}
