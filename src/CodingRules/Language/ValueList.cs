namespace CodingRules.Language;

/// <summary>An <see cref="IValueList"/> over an array of values (the array must not change afterwards).</summary>
public sealed class ValueList(Value[] items) : IValueList
{
    /// <summary>The empty list.</summary>
    public static ValueList Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => items.Length;

    /// <inheritdoc />
    public Value this[int index] => items[index];
}
