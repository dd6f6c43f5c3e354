namespace CodingRules.Text;

/// <summary>A place in a source file: path, 1-based line and 1-based column.</summary>
public readonly record struct SourceLocation(string Path, int Line, int Column) : IComparable<SourceLocation>
{
    /// <summary>A location for input that has no file position (e.g. a whole file that could not be read).</summary>
    public static SourceLocation Start(string path) => new(path, 1, 1);

    /// <inheritdoc />
    public int CompareTo(SourceLocation other)
    {
        var c = string.CompareOrdinal(Path, other.Path);
        if (c != 0)
        {
            return c;
        }

        c = Line.CompareTo(other.Line);
        return c != 0 ? c : Column.CompareTo(other.Column);
    }

    /// <summary>Formats as <c>path:line:col</c>.</summary>
    public override string ToString() => $"{Path}:{Line}:{Column}";

    /// <summary>Compares by path, line, column.</summary>
    public static bool operator <(SourceLocation left, SourceLocation right) => left.CompareTo(right) < 0;

    /// <summary>Compares by path, line, column.</summary>
    public static bool operator >(SourceLocation left, SourceLocation right) => left.CompareTo(right) > 0;

    /// <summary>Compares by path, line, column.</summary>
    public static bool operator <=(SourceLocation left, SourceLocation right) => left.CompareTo(right) <= 0;

    /// <summary>Compares by path, line, column.</summary>
    public static bool operator >=(SourceLocation left, SourceLocation right) => left.CompareTo(right) >= 0;
}
