namespace CodingRules.Language;

/// <summary>An <see cref="IValueList"/> of objects over an array of fact objects (not copied).</summary>
/// <typeparam name="T">The fact type.</typeparam>
public sealed class ObjectList<T>(T[] items) : IValueList
    where T : class
{
    /// <inheritdoc />
    public int Count => items.Length;

    /// <inheritdoc />
    public Value this[int index] => Value.FromObject(items[index]);
}
