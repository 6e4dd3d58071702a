namespace TypedAlg.Generator.Emit;

/// <summary>
/// Emits the nested fixed-size value types (Key128, Iv, Nonce, Tag, Digest, Mac). Each holds its bytes
/// in an inline array (no heap allocation), is bound to its class by nesting, and carries the
/// annotations the analyzers read: the role and length sit on the first parameter of Create.
/// </summary>
internal static class MaterialEmitter
{
    /// <param name="w">The writer, positioned inside the algorithm class.</param>
    /// <param name="className">The enclosing algorithm class.</param>
    /// <param name="typeName">The nested type's name (Key128, Nonce, ...).</param>
    /// <param name="kind">What the bytes are.</param>
    /// <param name="size">The length in bytes.</param>
    /// <param name="allowedNote">A sentence about the other allowed sizes, for exception messages (may be empty).</param>
    public static void Emit(SourceWriter w, string className, string typeName, MaterialKind kind, int size, string allowedNote)
    {
        var n = SourceWriter.N(size);
        var role = kind.ToString();
        var secret = kind == MaterialKind.Key;
        var qualified = className + "." + typeName;
        var what = Describe(kind, size);

        w.Line();
        w.Summary($"{what} for <see cref=\"{className}\"/>. It is bound to {className}: another algorithm's {Noun(kind)} does not convert to it.");
        w.Line($"public readonly struct {typeName} : IEquatable<{typeName}>");
        w.Open();
        w.Summary("The length in bytes.");
        w.Line($"public const int Size = {n};");
        w.Line();
        w.Line("private readonly Storage _bytes;");
        w.Line();
        w.Line($"private {typeName}(ReadOnlySpan<byte> bytes) => bytes.CopyTo(_bytes);");

        // Create
        w.Line();
        w.Summary($"Creates the {Noun(kind)} from exactly {n} bytes (copied).");
        w.Line($"/// <param name=\"bytes\">The {n} bytes.</param>");
        w.Line($"/// <exception cref=\"ArgumentException\"><paramref name=\"bytes\"/> is not {n} bytes long.</exception>");
        w.Line($"public static {typeName} Create([ByteLength({n})] [CryptoMaterial(CryptoMaterial.{role})] ReadOnlySpan<byte> bytes)");
        w.Open();
        w.Line("if (bytes.Length != Size)");
        w.Line($"    throw new ArgumentException($\"{qualified} takes exactly {n} bytes, not {{bytes.Length}}.{allowedNote}\", nameof(bytes));");
        w.Line($"return new {typeName}(bytes);");
        w.Close();

        // FromHex
        w.Line();
        w.Summary($"Creates the {Noun(kind)} from {SourceWriter.N(size * 2)} hexadecimal digits.");
        w.Line($"/// <param name=\"hex\">The {n} bytes as hexadecimal text.</param>");
        w.Line($"/// <exception cref=\"ArgumentException\"><paramref name=\"hex\"/> is not {SourceWriter.N(size * 2)} hexadecimal digits.</exception>");
        w.Line($"public static {typeName} FromHex([ByteLength({n})] [CryptoMaterial(CryptoMaterial.{role})] string hex)");
        w.Open();
        w.Line("ArgumentNullException.ThrowIfNull(hex);");
        w.Line("if (hex.Length != Size * 2)");
        w.Line($"    throw new ArgumentException($\"{qualified} takes exactly {n} bytes ({SourceWriter.N(size * 2)} hex digits), not {{hex.Length}} characters.{allowedNote}\", nameof(hex));");
        w.Line("Span<byte> bytes = stackalloc byte[Size];");
        w.Line("try");
        w.Open();
        w.Line("if (Convert.FromHexString(hex, bytes, out _, out _) != OperationStatus.Done)");
        w.Line($"    throw new ArgumentException(\"{qualified}: the text is not hexadecimal.\", nameof(hex));");
        w.Line($"return new {typeName}(bytes);");
        w.Close();
        w.Line("finally");
        w.Open();
        w.Line("CryptographicOperations.ZeroMemory(bytes);");
        w.Close();
        w.Close();

        if (kind is MaterialKind.Key or MaterialKind.Iv or MaterialKind.Nonce)
        {
            w.Line();
            w.Summary($"Creates a random {Noun(kind)} from the operating system's CSPRNG (<see cref=\"RandomNumberGenerator\"/>, getrandom on Linux: the kernel's own generator, without a socket).");
            w.Line($"public static {typeName} Random()");
            w.Open();
            w.Line("Span<byte> bytes = stackalloc byte[Size];");
            w.Line("RandomNumberGenerator.Fill(bytes);");
            w.Line($"var value = new {typeName}(bytes);");
            w.Line("CryptographicOperations.ZeroMemory(bytes);");
            w.Line("return value;");
            w.Close();
        }

        // AsSpan: UnscopedRef lets the span point into this struct's inline storage.
        w.Line();
        w.Summary("The bytes, without a copy.");
        w.Line("[UnscopedRef]");
        w.Line("public ReadOnlySpan<byte> AsSpan() => _bytes;");

        w.Line();
        if (secret)
        {
            // Keys are compared by reference (in): no by-value argument copies of the key bytes on the stack.
            w.Summary("Compares in constant time, so the comparison does not reveal where the bytes differ. Takes the other key by reference: no copy of either key is made.");
            w.Line($"public bool Equals(in {typeName} other) => CryptographicOperations.FixedTimeEquals(AsSpan(), other.AsSpan());");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("/// <remarks>Generic code (EqualityComparer, collections) calls this by value: a stack copy of the key that is not wiped. Prefer <c>==</c> or <c>Equals(in ...)</c>.</remarks>");
            w.Line($"bool IEquatable<{typeName}>.Equals({typeName} other) => Equals(in other);");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("/// <remarks>Compares the boxed key in place (no further copy); the box itself is a heap copy of the key that nothing wipes, so do not box keys.</remarks>");
            w.Line($"public override bool Equals(object? obj) => obj is {typeName} && Equals(in Unsafe.Unbox<{typeName}>(obj));");
        }
        else
        {
            w.Summary("Compares in constant time, so the comparison does not reveal where the bytes differ.");
            w.Line($"public bool Equals({typeName} other) => CryptographicOperations.FixedTimeEquals(AsSpan(), other.AsSpan());");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line($"public override bool Equals(object? obj) => obj is {typeName} other && Equals(other);");
        }
        w.Line();
        w.Line("/// <inheritdoc/>");
        if (secret)
        {
            w.Line("// A key's hash code must not depend on its bytes: hash codes end up in logs and dumps.");
            w.Line("public override int GetHashCode() => Size;");
        }
        else
        {
            w.Line("public override int GetHashCode()");
            w.Open();
            w.Line("var hash = new HashCode();");
            w.Line("hash.AddBytes(AsSpan());");
            w.Line("return hash.ToHashCode();");
            w.Close();
        }

        w.Line();
        if (secret)
        {
            w.Summary("Names the type only: a key never prints its bytes.");
            w.Line($"public override string ToString() => \"{qualified} ({n} bytes, redacted)\";");
        }
        else
        {
            w.Summary("The bytes as lowercase hexadecimal.");
            w.Line("public override string ToString() => Convert.ToHexStringLower(AsSpan());");
        }

        if (secret)
        {
            w.Line();
            w.Summary("Compares in constant time, taking both keys by reference (no copies).");
            w.Line($"public static bool operator ==(in {typeName} left, in {typeName} right) => left.Equals(in right);");
            w.Line();
            w.Summary("Compares in constant time, taking both keys by reference (no copies).");
            w.Line($"public static bool operator !=(in {typeName} left, in {typeName} right) => !left.Equals(in right);");

            w.Line();
            w.Summary("Overwrites the key in <paramref name=\"key\"/> with zeros, in place, with a write the compiler and JIT do not remove (<see cref=\"CryptographicOperations.ZeroMemory\"/>). Wipes that one variable, field or array element only: copies made earlier (by assignment, by-value arguments, boxing) are separate and are not wiped.");
            w.Line("/// <param name=\"key\">The key to wipe; it equals <c>default</c> afterwards.</param>");
            w.Line($"public static void Clear(ref {typeName} key) =>");
            w.Line($"    CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<{typeName}>(ref key)));");
        }
        else
        {
            w.Line();
            w.Summary("Compares in constant time.");
            w.Line($"public static bool operator ==({typeName} left, {typeName} right) => left.Equals(right);");
            w.Line();
            w.Summary("Compares in constant time.");
            w.Line($"public static bool operator !=({typeName} left, {typeName} right) => !left.Equals(right);");
        }

        w.Line();
        w.Line("[InlineArray(Size)]");
        w.Line("private struct Storage");
        w.Open();
        w.Line("private byte _element0;");
        w.Close();
        w.Close();
    }

    private static string Describe(MaterialKind kind, int size)
    {
        var n = SourceWriter.N(size);
        return kind switch
        {
            MaterialKind.Key => $"A {n}-byte ({SourceWriter.N(size * 8)}-bit) key",
            MaterialKind.Iv => $"A {n}-byte initialization vector",
            MaterialKind.Nonce => $"A {n}-byte nonce (never reuse one under the same key)",
            MaterialKind.Tag => $"A {n}-byte authentication tag",
            MaterialKind.Digest => $"A {n}-byte digest",
            _ => $"A {n}-byte message authentication code",
        };
    }

    private static string Noun(MaterialKind kind) => kind switch
    {
        MaterialKind.Key => "key",
        MaterialKind.Iv => "IV",
        MaterialKind.Nonce => "nonce",
        MaterialKind.Tag => "tag",
        MaterialKind.Digest => "digest",
        _ => "MAC",
    };
}
