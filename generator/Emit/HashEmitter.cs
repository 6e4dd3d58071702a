using TypedAlg.Generator.Model;

namespace TypedAlg.Generator.Emit;

/// <summary>Emits the members of an unkeyed hash class (SHA-1, SHA-2, SHA-3, MD5) over <c>HashCore</c>.</summary>
internal static class HashEmitter
{
    public static void Emit(SourceWriter w, AlgorithmSpec spec, BackendSpec backend)
    {
        var c = spec.ClassName;
        w.Line();
        w.Summary("The digest length in bytes.");
        w.Line($"public const int DigestSize = {SourceWriter.N(spec.DigestSize)};");
        if (spec.BlockSize > 0)
        {
            w.Line();
            w.Summary("The internal block size in bytes.");
            w.Line($"public const int BlockSize = {SourceWriter.N(spec.BlockSize)};");
        }

        EmitStreamBufferSize(w);
        ClassEmitter.EmitIsSupported(w, spec, backend);
        BackendEmitter.EmitMembers(w, spec, backend);
        if (backend.ManagedCapable)
        {
            BackendEmitter.EmitConstructors(w, c, "Starts an incremental hash (for data that arrives in pieces).", [], "", "",
                "ManagedBackends.OpenHash(AlgorithmName, DigestSize, backendPolicy, out var backend)");
        }
        else
        {
            w.Line();
            w.Summary("Starts an incremental hash (for data that arrives in pieces).");
            w.Line("/// <exception cref=\"KernelCryptoException\">The kernel does not serve the algorithm.</exception>");
            w.Line(spec.PinsDriver
                ? $"public {c}() => _core = new HashCore(AlgorithmName, DigestSize, DefaultDriver);"
                : $"public {c}() => _core = new HashCore(AlgorithmName, DigestSize);");
        }

        ClassEmitter.EmitDriverConstructor(w, c, "Starts an incremental hash served by the driver chosen here (a driver name, or hardware only); always the kernel.",
            null, string.Empty, "new HashCore(AlgorithmName, DigestSize, driver)", backend);
        BackendEmitter.EmitWrappingConstructor(w, spec, backend);

        w.Line();
        w.Summary(spec.PinsDriver
            ? "Hashes <paramref name=\"data\"/> in one call (thread-safe; the pinned implementation gets a kernel socket per call)."
            : "Hashes <paramref name=\"data\"/> in one call (thread-safe; reuses a kernel socket per thread).");
        w.Line("/// <param name=\"data\">The data to hash.</param>");
        w.Line("/// <returns>The digest.</returns>");
        w.Line("public static Digest Hash(ReadOnlySpan<byte> data)");
        w.Open();
        ClassEmitter.EmitFilledResult(w, "Digest", "digest");
        w.Line(spec.PinsDriver
            ? "HashCore.HashData(AlgorithmName, DigestSize, DefaultDriver, data, bytes);"
            : !backend.ManagedCapable || backend.Policy == "Kernel"
                ? "HashCore.HashData(AlgorithmName, DigestSize, data, bytes);"
                : "ManagedBackends.HashData(AlgorithmName, DigestSize, data, bytes, DefaultBackendPolicy);");
        w.Line("return digest;");
        w.Close();

        w.Line();
        w.Summary("Hashes a stream from its current position to its end.");
        w.Line("/// <param name=\"stream\">The stream to read.</param>");
        w.Line("/// <returns>The digest.</returns>");
        w.Line("public static Digest Hash(Stream stream)");
        w.Open();
        w.Line("ArgumentNullException.ThrowIfNull(stream);");
        w.Line($"using var hash = new {c}();");
        EmitStreamLoop(w, "hash");
        w.Line("return hash.GetHashAndReset();");
        w.Close();

        EmitAsyncAndAdapter(w, spec, backend);

        w.Line();
        w.Summary("Adds <paramref name=\"data\"/> to the running hash.");
        w.Line("/// <param name=\"data\">The next piece of data.</param>");
        w.Line("public void Append(ReadOnlySpan<byte> data) => _core.Append(data);");

        w.Line();
        w.Summary("Finishes the running hash and starts a new one.");
        w.Line("/// <returns>The digest of everything appended since the last reset.</returns>");
        w.Line("public Digest GetHashAndReset()");
        w.Open();
        ClassEmitter.EmitFilledResult(w, "Digest", "digest");
        w.Line("_core.GetHashAndReset(bytes);");
        w.Line("return digest;");
        w.Close();

        w.Line();
        w.Summary("Copies the running state into an independent instance (the kernel clones the socket).");
        w.Line("/// <returns>A new instance to dispose as well.</returns>");
        w.Line($"public {c} Clone() => {BackendEmitter.Clone(backend)};");

        ClassEmitter.EmitDriver(w);
        ClassEmitter.EmitDispose(w);
        MaterialEmitter.Emit(w, c, "Digest", MaterialKind.Digest, spec.DigestSize, string.Empty);
    }

    /// <summary>HashAsync, ComputeHashAsync and the HashAlgorithm view.</summary>
    private static void EmitAsyncAndAdapter(SourceWriter w, AlgorithmSpec spec, BackendSpec backend)
    {
        var c = spec.ClassName;
        w.Line();
        w.Summary("Hashes a stream from its current position to its end, reading asynchronously.");
        w.Line("/// <param name=\"stream\">The stream to read.</param>");
        w.Line("/// <param name=\"cancellationToken\">Checked between reads.</param>");
        w.Line("/// <returns>The digest.</returns>");
        w.Line("public static async System.Threading.Tasks.Task<Digest> HashAsync(Stream stream, System.Threading.CancellationToken cancellationToken = default)");
        w.Open();
        w.Line("ArgumentNullException.ThrowIfNull(stream);");
        w.Line($"using var hash = new {c}();");
        w.Line("return await hash.ComputeHashAsync(stream, cancellationToken).ConfigureAwait(false);");
        w.Close();

        w.Line();
        w.Summary("Appends a stream (from its position to its end) to the running hash, reading asynchronously, then finishes and resets.");
        w.Line("/// <remarks>When the read is cancelled or fails, the running hash is discarded: the instance is ready for the next message.</remarks>");
        w.Line("/// <param name=\"stream\">The stream to read.</param>");
        w.Line("/// <param name=\"cancellationToken\">Checked between reads.</param>");
        w.Line("/// <returns>The digest of everything appended since the last reset, stream included.</returns>");
        w.Line("public async System.Threading.Tasks.Task<Digest> ComputeHashAsync(Stream stream, System.Threading.CancellationToken cancellationToken = default)");
        w.Open();
        w.Line("await TypedAlg.Runtime.DotNet.HashStreams.AppendAsync(_core, stream, cancellationToken).ConfigureAwait(false);");
        w.Line("return GetHashAndReset();");
        w.Close();

        w.Line();
        w.Summary("A <see cref=\"HashAlgorithm\"/> on its own kernel socket, for APIs that take one (CryptoStream, TransformBlock loops). Dispose it.");
        w.Line("/// <returns>A new, empty hash; disposing it closes its socket.</returns>");
        w.Line(backend.ManagedCapable
            ? "public static TypedAlg.Runtime.DotNet.KernelHashAlgorithm CreateHashAlgorithm() => new(ManagedBackends.OpenHash(AlgorithmName, DigestSize, DefaultBackendPolicy, out _));"
            : spec.PinsDriver
                ? "public static TypedAlg.Runtime.DotNet.KernelHashAlgorithm CreateHashAlgorithm() => new(new HashCore(AlgorithmName, DigestSize, DefaultDriver));"
                : "public static TypedAlg.Runtime.DotNet.KernelHashAlgorithm CreateHashAlgorithm() => new(new HashCore(AlgorithmName, DigestSize));");
    }

    /// <summary>The read buffer size for Hash(Stream).</summary>
    public static void EmitStreamBufferSize(SourceWriter w)
    {
        w.Line();
        w.Line("// 64 KiB reads keep the number of system calls low without a large buffer.");
        w.Line("private const int StreamBufferSize = 64 * 1024;");
    }

    /// <summary>Reads the stream into <paramref name="target"/>.Append with a pooled buffer.</summary>
    public static void EmitStreamLoop(SourceWriter w, string target)
    {
        w.Line("var buffer = ArrayPool<byte>.Shared.Rent(StreamBufferSize);");
        w.Line("try");
        w.Open();
        w.Line("int read;");
        w.Line("while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)");
        w.Line($"    {target}.Append(buffer.AsSpan(0, read));");
        w.Close();
        w.Line("finally");
        w.Open();
        w.Line("// The buffer held the data just hashed: clear it before the shared pool hands it to anyone else.");
        w.Line("ArrayPool<byte>.Shared.Return(buffer, clearArray: true);");
        w.Close();
    }
}
