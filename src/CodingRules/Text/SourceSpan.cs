namespace CodingRules.Text;

/// <summary>A range of characters in a <see cref="SourceText"/>: start offset and length (both 0-based).</summary>
public readonly record struct SourceSpan(SourceText Source, int Start, int Length)
{
    /// <summary>The 1-based location of the first character.</summary>
    public SourceLocation Location => Source.LocationOf(Start);

    /// <summary>One past the last character.</summary>
    public int End => Start + Length;
}
