namespace MisuseGallery;

// TA0020 (warning): a MAC compared with SequenceEqual (stops at the first difference). Fix: FixedTimeEquals or Verify.
public static class VariableTimeComparison
{
    public static bool Check(HmacSha256 hmac, byte[] data, byte[] received) =>
        hmac.Compute(data).AsSpan().SequenceEqual(received);
}
