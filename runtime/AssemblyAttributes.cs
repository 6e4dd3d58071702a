// Hot paths stackalloc control blocks and AEAD scratch (512 bytes) on every call: skip zeroing them. Every
// stackalloc'd buffer handed to the kernel is written in full first (Cmsg.Write writes every byte of its block,
// SockaddrAlg.Write clears its own), and the AAD scratch is output only.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
