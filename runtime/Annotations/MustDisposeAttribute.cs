namespace TypedAlg.Annotations;

/// <summary>
/// Instances of the class hold kernel sockets and must be disposed; an undisposed local is a warning (TA0050).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class MustDisposeAttribute : Attribute
{
}
