using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace CodingRules.Encounters;

/// <summary>
/// Collects the items of one JSON array into an <see cref="ImmutableArray{T}"/> with as few allocations as
/// possible: none for an empty array, one when the final count fits the first block exactly, otherwise the
/// growing block plus one exact copy. A mutable value type: keep it in a local and never copy it.
/// </summary>
internal struct ItemList<T>
{
    private const int FirstBlock = 4;

    private T[]? _items;
    private int _count;

    /// <summary>Appends an item.</summary>
    public void Add(T item)
    {
        if (_items is null)
        {
            _items = new T[FirstBlock];
        }
        else if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = item;
    }

    /// <summary>The items in order. The list must not be used afterwards.</summary>
    public readonly ImmutableArray<T> ToImmutable()
    {
        if (_items is null)
        {
            return [];
        }

        T[] exact = _count == _items.Length ? _items : _items[.._count];
        return ImmutableCollectionsMarshal.AsImmutableArray(exact);
    }
}
