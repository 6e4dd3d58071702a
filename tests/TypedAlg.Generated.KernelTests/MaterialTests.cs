using Xunit;

namespace TypedAlg.Generated.KernelTests;

/// <summary>The generated fixed-size types (no kernel needed): sizes, hex, printing, equality.</summary>
public sealed class MaterialTests
{
    [Fact]
    public void WrongSizeNamesTheAllowedSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => CbcAes.Key128.Create(new byte[15]));
        Assert.Equal("bytes", error.ParamName);
        Assert.Contains("16, 24 or 32", error.Message);
        Assert.Contains("15", error.Message);
        Assert.Throws<ArgumentException>(() => GcmAes.Nonce.Create(new byte[16]));
        Assert.Throws<ArgumentException>(() => GcmAes.Nonce.FromHex("00"));
        Assert.Throws<ArgumentException>(() => GcmAes.Nonce.FromHex("zz0000000000000000000000"));
        Assert.Throws<ArgumentNullException>(() => GcmAes.Nonce.FromHex(null!));
    }

    [Fact]
    public void KeysNeverPrintTheirBytes()
    {
        var key = HexKey();
        Assert.DoesNotContain("000102", key.ToString());
        Assert.Contains("redacted", key.ToString());
        Assert.Equal("000102030405060708090a0b0c0d0e0f", Convert.ToHexStringLower(key.AsSpan()));
    }

    [Fact]
    public void ValuesRoundTripThroughHexAndCompareByValue()
    {
        var nonce = GcmAes.Nonce.Random();
        Assert.Equal(nonce, GcmAes.Nonce.FromHex(nonce.ToString()));
        Assert.NotEqual(nonce, GcmAes.Nonce.Random());
        Assert.True(HexKey() == HexKey());
        Assert.Equal(16, CbcAes.Key128.Size);
        Assert.Equal(12, GcmAes.Nonce.Size);
        Assert.Equal(32, Sha256.Digest.Size);
    }

    [Fact]
    public void KeysCompareWithoutCopiesAndClearInPlace()
    {
        var key = HexKey();
        var same = HexKey();
        var other = CbcAes.Key128.Random();
        Assert.True(key == same);
        Assert.False(key != same);
        Assert.True(key.Equals(in same));
        Assert.False(key.Equals(in other));
        Assert.True(key.Equals((object)same));
        Assert.False(key.Equals((object)GcmAes.Nonce.Random()));
        Assert.True(EqualityComparer<CbcAes.Key128>.Default.Equals(key, same)); // IEquatable<T>, explicitly

        CbcAes.Key128.Clear(ref key);
        Assert.True(key == default(CbcAes.Key128));
        Assert.False(key.AsSpan().ContainsAnyExcept((byte)0));
        Assert.True(same == HexKey()); // only that one variable was wiped

        var keys = new[] { HexKey() };
        CbcAes.Key128.Clear(ref keys[0]);
        Assert.True(keys[0] == default(CbcAes.Key128));
    }

    [Fact]
    public void EveryKeyTypeTakesKeysByReference()
    {
        // Issue 14 finding 9: no member of a key type takes a key by value (a stack copy nothing wipes), except the
        // explicit IEquatable<T>.Equals that generic code calls.
        var keyTypes = typeof(CbcAes).Assembly.GetTypes()
            .Where(t => t is { IsValueType: true, IsNested: true } && t.Name.StartsWith("Key", StringComparison.Ordinal) &&
                        t.Namespace == "TypedAlg")
            .ToArray();
        Assert.Contains(typeof(GcmAes.Key256), keyTypes);
        Assert.Contains(typeof(XtsAes.Key256), keyTypes);
        foreach (var type in keyTypes)
        {
            foreach (var method in type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly))
            {
                foreach (var parameter in method.GetParameters())
                {
                    Assert.False(parameter.ParameterType == type, $"{type.FullName}.{method.Name} takes the key by value");
                }
            }

            Assert.NotNull(type.GetMethod("Clear", [type.MakeByRefType()]));
            Assert.True(type.GetMethod("op_Equality")!.GetParameters().All(p => p.IsIn));
            Assert.True(type.GetMethod("Equals", [type.MakeByRefType()])!.GetParameters()[0].IsIn);
        }
    }

    private static CbcAes.Key128 HexKey() => CbcAes.Key128.FromHex("000102030405060708090a0b0c0d0e0f");
}
