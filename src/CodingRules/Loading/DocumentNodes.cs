using System.Collections.Immutable;
using CodingRules.Text;

namespace CodingRules.Loading;

// Note: the document tree is one closed family of small records, kept together like a grammar.

/// <summary>A node of a loaded YAML (or JSON) document with its place in the file.</summary>
public abstract record DocNode(SourceSpan Span)
{
    /// <summary>The node's kind as shown in schema messages: string, mapping, sequence, ...</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar. <see cref="IsPlain"/> is true for unquoted scalars, whose type is resolved by the YAML core schema.</summary>
public sealed record DocScalar(string Value, bool IsPlain, bool IsBlock, SourceSpan Span) : DocNode(Span)
{
    /// <inheritdoc />
    public override string KindName => "scalar";

    /// <summary>The scalar's source text starts at <see cref="DocNode.Span"/>; see <see cref="ScalarOffsetMap"/>.</summary>
    public bool IsQuoted => !IsPlain && !IsBlock;
}

/// <summary>A mapping of scalar keys to nodes, in file order (duplicate keys are reported, the first wins).</summary>
public sealed record DocMapping(ImmutableArray<DocEntry> Entries, SourceSpan Span) : DocNode(Span)
{
    /// <inheritdoc />
    public override string KindName => "mapping";

    /// <summary>The value of a key, or null.</summary>
    public DocNode? this[string key]
    {
        get
        {
            foreach (var e in Entries)
            {
                if (e.Key.Value == key)
                {
                    return e.Value;
                }
            }

            return null;
        }
    }

    /// <summary>The entry of a key, or null.</summary>
    public DocEntry? Entry(string key)
    {
        foreach (var e in Entries)
        {
            if (e.Key.Value == key)
            {
                return e;
            }
        }

        return null;
    }
}

/// <summary>A key and its value.</summary>
public sealed record DocEntry(DocScalar Key, DocNode Value);

/// <summary>A sequence of nodes.</summary>
public sealed record DocSequence(ImmutableArray<DocNode> Items, SourceSpan Span) : DocNode(Span)
{
    /// <inheritdoc />
    public override string KindName => "sequence";
}
