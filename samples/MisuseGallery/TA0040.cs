using System.Text;

namespace MisuseGallery;

// TA0040 (warning): a password's bytes used as a key. Fix: Rfc2898DeriveBytes.Pbkdf2 (or HKDF for high-entropy input).
public static class PasswordAsKey
{
    public static HmacSha256 FromPassword(string password) => new(Encoding.UTF8.GetBytes(password));
}
