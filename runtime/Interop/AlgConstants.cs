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

/// <summary>errno values TypedAlg distinguishes.</summary>
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
}
