// One AF_ALG operation (cbc(aes) encryption, sha256) as libkcapi and TypedAlg make it, two system calls, against the
// same two requests submitted as linked io_uring operations with one io_uring_enter. Prints guest instructions per
// operation when the guest runs under `-icount shift=3` (8 ns per instruction).
using System.Diagnostics;
using System.Runtime.InteropServices;
using TypedAlg.Probes;

const int Operations = 3000;
byte[] key = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
foreach (var size in new[] { 16, 1024 })
{
    unsafe
    {
        var input = (byte*)NativeMemory.AlignedAlloc(8192, 4096);
        var output = (byte*)NativeMemory.AlignedAlloc(8192, 4096);
        var cbc = Native.OpenAfAlg("skcipher", "cbc(aes)", key);
        var sha = Native.OpenAfAlg("hash", "sha256", null);
        using var ring = new Ring(8);
        var message = Native.CipherMessage(input, size);

        Time("cbc(aes) sendmsg + recv", size, () => Native.Check(Native.sendmsg(cbc, message, 0) == size && Native.recv(cbc, output, (nuint)size, 0) == size));
        Time("cbc(aes) io_uring sendmsg->recv", size, () => ring.SendMessageThenReceive(cbc, message, size, output, size));
        Time("sha256 send + recv", size, () => Native.Check(Native.send(sha, input, (nuint)size, 0) == size && Native.recv(sha, output, 32, 0) == 32));
        Time("sha256 io_uring send->recv", size, () => ring.SendThenReceive(sha, input, size, output, 32));
    }
}

static void Time(string name, int size, Action operation)
{
    for (var i = 0; i < 200; i++)
    {
        operation();
    }

    var best = double.MaxValue;
    for (var round = 0; round < 3; round++)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Operations; i++)
        {
            operation();
        }

        best = Math.Min(best, watch.Elapsed.TotalNanoseconds / Operations);
    }

    Console.WriteLine($"{name,-34} {size,6} B {best / 8,9:F0} instructions/op (under icount shift=3)");
}

namespace TypedAlg.Probes
{
    internal static unsafe partial class Native
    {
        [DllImport("libc")]
        internal static extern nint sendmsg(int fd, void* message, int flags);

        [DllImport("libc")]
        internal static extern nint send(int fd, byte* buffer, nuint length, int flags);

        [DllImport("libc")]
        internal static extern nint recv(int fd, byte* buffer, nuint length, int flags);

        [DllImport("libc", SetLastError = true)]
        internal static extern nint syscall(nint number, nint a1, nint a2, nint a3, nint a4, nint a5, nint a6);

        [DllImport("libc", SetLastError = true)]
        internal static extern void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

        [DllImport("libc")]
        private static extern int socket(int domain, int type, int protocol);

        [DllImport("libc", SetLastError = true)]
        private static extern int bind(int fd, byte* address, int length);

        [DllImport("libc")]
        private static extern int setsockopt(int fd, int level, int name, byte* value, int length);

        [DllImport("libc")]
        private static extern int accept(int fd, void* address, void* length);

        internal static void Check(bool ok)
        {
            if (!ok)
            {
                throw new InvalidOperationException("a system call returned an unexpected count");
            }
        }

        internal static int OpenAfAlg(string type, string name, byte[]? key)
        {
            var fd = socket(38, 5, 0); // AF_ALG, SOCK_SEQPACKET
            var address = stackalloc byte[88];
            new Span<byte>(address, 88).Clear();
            *(ushort*)address = 38;
            System.Text.Encoding.ASCII.GetBytes(type, new Span<byte>(address + 2, 14));
            System.Text.Encoding.ASCII.GetBytes(name, new Span<byte>(address + 24, 64));
            if (bind(fd, address, 88) != 0)
            {
                throw new InvalidOperationException($"bind {type} {name}: errno {Marshal.GetLastPInvokeError()}");
            }

            if (key is not null)
            {
                fixed (byte* k = key)
                {
                    setsockopt(fd, 279, 1, k, key.Length); // SOL_ALG, ALG_SET_KEY
                }
            }

            return accept(fd, null, null);
        }

        /// <summary>A msghdr with ALG_SET_OP (encrypt) and a zero 16-byte ALG_SET_IV, and one iovec over the input.</summary>
        internal static void* CipherMessage(byte* input, int size)
        {
            var control = (byte*)NativeMemory.AllocZeroed(64);
            *(ulong*)control = 20;
            *(int*)(control + 8) = 279;
            *(int*)(control + 12) = 3;
            *(uint*)(control + 16) = 1;
            *(ulong*)(control + 24) = 36;
            *(int*)(control + 32) = 279;
            *(int*)(control + 36) = 2;
            *(uint*)(control + 40) = 16;
            var iov = (long*)NativeMemory.Alloc(16);
            iov[0] = (long)input;
            iov[1] = size;
            var message = (long*)NativeMemory.AllocZeroed(56);
            message[2] = (long)iov;
            message[3] = 1;
            message[4] = (long)control;
            message[5] = 64;
            return message;
        }
    }

    /// <summary>The smallest io_uring: one ring, two linked requests per submission, both completions awaited.</summary>
    internal sealed unsafe class Ring : IDisposable
    {
        private const int SetupSyscall = 425;
        private const int EnterSyscall = 426;
        private const byte OpSendMessage = 9;
        private const byte OpSend = 26;
        private const byte OpReceive = 27;
        private const byte LinkNext = 4; // IOSQE_IO_LINK

        private readonly int _fd;
        private readonly byte* _ring;
        private readonly byte* _entries;
        private readonly uint* _submitTail;
        private readonly uint* _submitArray;
        private readonly uint* _completeHead;
        private readonly uint* _completeTail;
        private readonly uint _submitMask;
        private readonly uint _completeMask;
        private readonly uint _completionsOffset;

        public Ring(uint entries)
        {
            var p = stackalloc uint[30]; // struct io_uring_params
            new Span<uint>(p, 30).Clear();
            _fd = (int)Native.syscall(SetupSyscall, (nint)entries, (nint)p, 0, 0, 0, 0);
            if (_fd < 0)
            {
                throw new InvalidOperationException($"io_uring_setup: errno {Marshal.GetLastPInvokeError()}");
            }

            uint submitEntries = p[0], completeEntries = p[1];
            var submitOffsets = p + 10;   // struct io_sqring_offsets
            var completeOffsets = p + 20; // struct io_cqring_offsets
            var ringSize = Math.Max(submitOffsets[6] + (submitEntries * 4), completeOffsets[5] + (completeEntries * 16));
            _ring = (byte*)Native.mmap(null, ringSize, 3, 0x8001, _fd, 0); // one mapping (IORING_FEAT_SINGLE_MMAP)
            _entries = (byte*)Native.mmap(null, submitEntries * 64, 3, 0x8001, _fd, 0x10000000);
            _submitTail = (uint*)(_ring + submitOffsets[1]);
            _submitMask = *(uint*)(_ring + submitOffsets[2]);
            _submitArray = (uint*)(_ring + submitOffsets[6]);
            _completeHead = (uint*)(_ring + completeOffsets[0]);
            _completeTail = (uint*)(_ring + completeOffsets[1]);
            _completeMask = *(uint*)(_ring + completeOffsets[2]);
            _completionsOffset = completeOffsets[5];
        }

        public void SendMessageThenReceive(int fd, void* message, int inputLength, byte* output, int outputLength)
        {
            var tail = *_submitTail;
            Prepare(tail, OpSendMessage, LinkNext, fd, message, 1);
            Prepare(tail + 1, OpReceive, 0, fd, output, (uint)outputLength);
            SubmitTwo(inputLength, outputLength);
        }

        public void SendThenReceive(int fd, byte* input, int inputLength, byte* output, int outputLength)
        {
            var tail = *_submitTail;
            Prepare(tail, OpSend, LinkNext, fd, input, (uint)inputLength);
            Prepare(tail + 1, OpReceive, 0, fd, output, (uint)outputLength);
            SubmitTwo(inputLength, outputLength);
        }

        public void Dispose() => Native.syscall(3, _fd, 0, 0, 0, 0, 0); // close

        private void Prepare(uint tail, byte opcode, byte flags, int fd, void* address, uint length)
        {
            var index = tail & _submitMask;
            _submitArray[index] = index;
            var entry = _entries + (index * 64); // struct io_uring_sqe
            new Span<byte>(entry, 64).Clear();
            entry[0] = opcode;
            entry[1] = flags;
            *(int*)(entry + 4) = fd;
            *(long*)(entry + 16) = (long)address;
            *(uint*)(entry + 24) = length;
        }

        private void SubmitTwo(int firstResult, int secondResult)
        {
            Volatile.Write(ref *_submitTail, *_submitTail + 2);
            var submitted = Native.syscall(EnterSyscall, _fd, 2, 2, 1, 0, 0); // to_submit 2, min_complete 2, GETEVENTS
            Native.Check(submitted == 2);
            var head = *_completeHead;
            Native.Check(Volatile.Read(ref *_completeTail) - head >= 2);
            var first = *(int*)(_ring + _completionsOffset + ((head & _completeMask) * 16) + 8);
            var second = *(int*)(_ring + _completionsOffset + (((head + 1) & _completeMask) * 16) + 8);
            Volatile.Write(ref *_completeHead, head + 2);
            Native.Check(first == firstResult && second == secondResult);
        }
    }
}
