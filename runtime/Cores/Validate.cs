namespace TypedAlg.Runtime;

/// <summary>Argument checks shared by the cores; all run before any system call.</summary>
internal static class Validate
{
    internal static void Length(int actual, int expected, string paramName, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"The {what} must be exactly {expected} bytes; it is {actual}.", paramName);
        }
    }

    internal static void AtLeast(int actual, int minimum, string paramName, string what)
    {
        if (actual < minimum)
        {
            throw new ArgumentException($"The {what} must be at least {minimum} bytes; it is {actual}.", paramName);
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
            throw new ArgumentException("The destination starts inside the source and would overwrite input not yet processed; use the same span (in place), an earlier start, or separate memory.", paramName);
        }
    }

    /// <summary>Whether the spans overlap at different starts (zero copy must not be used then).</summary>
    internal static bool Shifted(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination) =>
        source.Overlaps(destination, out var offset) && offset != 0;
}
