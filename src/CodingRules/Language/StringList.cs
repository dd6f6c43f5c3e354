using System.Collections.Immutable;

namespace CodingRules.Language;

/// <summary>An <see cref="IValueList"/> of strings over an immutable array (not copied).</summary>
public sealed class StringList(ImmutableArray<string> items) : IValueList
{
    /// <inheritdoc />
    public int Count => items.IsDefault ? 0 : items.Length;

    /// <inheritdoc />
    public Value this[int index] => Value.FromString(items[index]);
}
