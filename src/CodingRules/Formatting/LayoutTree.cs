namespace CodingRules.Formatting;

// Note: the layout tree is one closed family of small types, kept together like DocumentNodes.cs. Unlike the
// loaded document it keeps what a person wrote around the values (comments, blank lines, flow or block, the
// scalar's style) and nothing that the canonical layout decides again (indentation, quoting, line breaks). It is
// built in one pass by LayoutReader (elements get their comments as the events arrive, hence the mutable
// members) and then only read.

/// <summary>A node of the layout tree: a scalar or a collection.</summary>
internal abstract class LayoutNode
{
    /// <summary>The 1-based line the node ends on in the source (a comment after it on that line belongs to it).</summary>
    public int EndLine { get; set; }
}

/// <summary>How a scalar was written in the source: the canonical layout keeps plain typed values and literal blocks.</summary>
internal enum WrittenStyle
{
    Plain,
    Quoted,
    Literal,
    Folded,
}

/// <summary>A scalar value with the style it was written in.</summary>
internal sealed class LayoutScalar(string value, WrittenStyle style) : LayoutNode
{
    public string Value { get; } = value;

    public WrittenStyle Style { get; } = style;
}

/// <summary>A mapping (elements with keys) or a sequence (elements without), flow or block as written.</summary>
internal sealed class LayoutCollection(bool isMapping, bool isFlow) : LayoutNode
{
    public bool IsMapping { get; } = isMapping;

    public bool IsFlow { get; } = isFlow;

    public List<LayoutElement> Elements { get; } = [];

    /// <summary>Comment lines after the last element, at this collection's indentation.</summary>
    public List<CommentLine> EndComments { get; } = [];

    /// <summary>True when this collection or a flow collection inside it holds a comment.</summary>
    public bool HoldsComments =>
        EndComments.Count > 0
        || Elements.Any(e => e.Leading.Count > 0 || e.KeyComment is not null || e.Trailing is not null || e.Value is LayoutCollection { HoldsComments: true });
}

/// <summary>An entry of a mapping (with <see cref="Key"/>) or an item of a sequence, with its comments.</summary>
internal sealed class LayoutElement(LayoutScalar? key, bool blankBefore)
{
    public LayoutScalar? Key { get; } = key;

    public LayoutNode Value { get; set; } = new LayoutScalar(string.Empty, WrittenStyle.Plain);

    /// <summary>A blank line came before the element (or before its first comment line) in the source.</summary>
    public bool BlankBefore { get; } = blankBefore;

    /// <summary>Comment lines above the element.</summary>
    public List<CommentLine> Leading { get; } = [];

    /// <summary>A comment on the key's line after the key, when the value starts on a later line.</summary>
    public string? KeyComment { get; set; }

    /// <summary>A comment at the end of the element's last line.</summary>
    public string? Trailing { get; set; }
}

/// <summary>A comment as written (from <c>#</c> to the end of its line, trailing spaces dropped).</summary>
internal readonly record struct CommentLine(string Text, bool BlankBefore);

/// <summary>A document: comment lines above its first node (the file's header), the root, and nothing else.</summary>
internal sealed record LayoutDocument(IReadOnlyList<CommentLine> Header, LayoutNode Root, IReadOnlyList<string> Comments);
