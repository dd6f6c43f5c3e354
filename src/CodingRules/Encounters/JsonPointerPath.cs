using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CodingRules.Encounters;

/// <summary>
/// The position of the reader inside a record, as a stack of property names and array indexes, turned into a
/// JSON pointer (RFC 6901, e.g. <c>/procedures/0/joints/1</c>) only when an error is reported. A value type with
/// inline storage, so keeping track of the position allocates nothing. The encounter contract nests at most
/// <see cref="Capacity"/> levels deep; deeper pushes are counted but not stored (never happens for the contract).
/// </summary>
internal struct JsonPointerPath
{
    /// <summary>How many segments are stored.</summary>
    public const int Capacity = 8;

    private Segments _segments;
    private int _count;

    /// <summary>Enters a property.</summary>
    public void Push(string name) => Push(new Segment(name, 0));

    /// <summary>Enters an array item.</summary>
    public void Push(int index) => Push(new Segment(null, index));

    /// <summary>Leaves the innermost segment.</summary>
    public void Pop() => _count--;

    /// <summary>The pointer of the current position, or of its child property when <paramref name="child"/> is given.</summary>
    public readonly string ToPointer(string? child = null)
    {
        int stored = Math.Min(_count, Capacity);
        if (stored == 0 && child is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        for (int i = 0; i < stored; i++)
        {
            Segment segment = _segments[i];
            text.Append('/');
            if (segment.Name is null)
            {
                text.Append(segment.Index.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                AppendEscaped(text, segment.Name);
            }
        }

        if (child is not null)
        {
            text.Append('/');
            AppendEscaped(text, child);
        }

        return text.ToString();
    }

    private void Push(Segment segment)
    {
        if (_count < Capacity)
        {
            _segments[_count] = segment;
        }

        _count++;
    }

    private static void AppendEscaped(StringBuilder text, string name)
    {
        foreach (char c in name)
        {
            _ = c switch
            {
                '~' => text.Append("~0"),
                '/' => text.Append("~1"),
                _ => text.Append(c),
            };
        }
    }

    private readonly record struct Segment(string? Name, int Index);

    [InlineArray(Capacity)]
    private struct Segments
    {
        private Segment _first;
    }
}
