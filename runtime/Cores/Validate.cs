using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace TypedAlg.Runtime;

/// <summary>Argument checks shared by the cores; all run before any system call.</summary>
/// <remarks>
/// Each check is inlined into the caller and throws from a separate method: a call per check was a measurable part of
/// a 16-byte operation (bench/README.md), and the message formatting kept the checks themselves from being inlined.
/// </remarks>
internal static class Validate
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Length(int actual, int expected, string paramName, string what)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, paramName, what);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AtLeast(int actual, int minimum, string paramName, string what)
    {
        if (actual < minimum)
        {
            ThrowAtLeast(actual, minimum, paramName, what);
        }
    }

    internal static void Size(int value, int min, int max, string paramName)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Allowed: {min}..{max}.");
        }
    }

    /// <summary>
    /// Input is sent before its output is received, chunk by chunk, so the destination may start at or before the
    /// source (in place, or shifted back); a destination that starts inside the source would overwrite unsent input.
    /// </summary>
    internal static void DestinationNotAhead(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, string paramName)
    {
        if (source.Overlaps(destination, out var offset) && offset > 0)
        {
            ThrowAhead(paramName);
        }
    }

    /// <summary>
    /// <see cref="DestinationNotAhead"/>, and whether the spans overlap at different starts (zero copy must not be used
    /// then): one overlap test for both.
    /// </summary>
    internal static bool DestinationNotAheadIsShifted(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, string paramName)
    {
        if (!source.Overlaps(destination, out var offset))
        {
            return false;
        }

        if (offset > 0)
        {
            ThrowAhead(paramName);
        }

        return offset != 0;
    }

    /// <summary>Whether the spans overlap at different starts (zero copy must not be used then).</summary>
    internal static bool Shifted(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination) =>
        source.Overlaps(destination, out var offset) && offset != 0;

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(int actual, int expected, string paramName, string what) =>
        throw new ArgumentException($"The {what} must be exactly {expected} bytes; it is {actual}.", paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAtLeast(int actual, int minimum, string paramName, string what) =>
        throw new ArgumentException($"The {what} must be at least {minimum} bytes; it is {actual}.", paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAhead(string paramName) =>
        throw new ArgumentException("The destination starts inside the source and would overwrite input not yet processed; use the same span (in place), an earlier start, or separate memory.", paramName);
}
