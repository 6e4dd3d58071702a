namespace TypedAlg.Annotations;

/// <summary>
/// The method's <see cref="bool"/> result says whether data is authentic (TryDecrypt, Verify).
/// Discarding it is a compile-time error (TA0021); reading the plaintext after a <c>false</c> result is
/// a warning (TA0022).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AuthenticationResultAttribute : Attribute
{
}
