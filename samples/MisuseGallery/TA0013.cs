namespace MisuseGallery;

// TA0013 (error): System.Random bytes as a key. Fix: GcmAes.Key128.Random() or RandomNumberGenerator.Fill.
public static class PredictableRandom
{
    public static GcmAes.Key128 Key()
    {
        var bytes = new byte[16];
        Random.Shared.NextBytes(bytes);
        return GcmAes.Key128.Create(bytes);
    }
}
