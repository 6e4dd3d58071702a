namespace TypedAlg.Runtime;

/// <summary>Which system call failed; the errno mapping depends on it.</summary>
internal enum AlgCall
{
    Socket,
    Bind,
    SetKey,
    SetKeySerial,
    SetAuthSize,
    SetEntropy,
    Accept,
    Send,
    Receive,
    SocketBuffer,
    AddKey,
    KeyControl,
}
