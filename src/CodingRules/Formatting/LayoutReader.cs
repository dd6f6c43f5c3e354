using CodingRules.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CodingRules.Formatting;

/// <summary>
/// Reads a YAML text into a <see cref="LayoutDocument"/>: YamlDotNet's event parser with comments kept, each
/// comment given to the element it belongs to. A comment on the line of an element's end (or of a key whose value
/// starts below) is that element's; a comment on a line of its own belongs to the element below it, or, when no
/// element follows at its indentation or deeper, to the end of the collection it is indented into. Comments above
/// the first node are the document's header. Only called on texts the loader reads (<see
/// cref="Loading.YamlDocumentReader"/>): no anchors, aliases, tags or second document.
/// </summary>
internal sealed class LayoutReader
{
    private readonly SourceText _source;
    private readonly Stack<Open> _open = new();
    private readonly List<PendingComment> _pending = [];
    private readonly List<string> _comments = [];
    private readonly List<CommentLine> _header = [];
    private readonly Dictionary<int, bool> _blank = [];
    private LayoutNode? _root;
    private Mark _previousEnd = Mark.Empty;

    private LayoutReader(SourceText source)
    {
        _source = source;
    }

    /// <summary>The layout of <paramref name="source"/>; throws <see cref="YamlException"/> for what it cannot lay out.</summary>
    public static LayoutDocument Read(SourceText source)
    {
        var reader = new LayoutReader(source);
        var parser = new Parser(new Scanner(new StringReader(source.Content), skipComments: false));
        while (parser.MoveNext())
        {
            reader.Accept(parser.Current!);
        }

        return reader.Finish();
    }

    private LayoutDocument Finish()
    {
        if (_root is null)
        {
            throw new YamlException("the document is empty");
        }

        var rest = _pending.Select(p => p.Line).ToList();
        if (_root is LayoutCollection { IsFlow: false } collection)
        {
            collection.EndComments.AddRange(rest);
        }
        else
        {
            _header.AddRange(rest); // Note: comments after a document that is one scalar or one flow collection stay with it, above.
        }

        return new LayoutDocument(_header, _root, _comments);
    }

    private void Accept(ParsingEvent e)
    {
        var previousEnd = _previousEnd;
        _previousEnd = e.End;
        switch (e)
        {
            case Comment comment:
                OnComment(comment);
                break;
            case AnchorAlias or NodeEvent { Anchor.IsEmpty: false }:
                throw new YamlException(e.Start, e.End, "anchors and aliases");
            case NodeEvent { Tag.IsEmpty: false } tagged when !tagged.Tag.IsNonSpecific:
                throw new YamlException(e.Start, e.End, "tags");
            case Scalar scalar:
                {
                    var node = new LayoutScalar(scalar.Value, StyleOf(scalar.Style)) { EndLine = (int)scalar.End.Line };
                    if (_open.Count > 0 && _open.Peek() is { Collection.IsMapping: true, Pending: null } mapping)
                    {
                        var (startLine, endLine) = KeyLines(scalar, previousEnd);
                        node.EndLine = endLine;
                        var entry = new LayoutElement(node, BlankBefore(startLine));
                        entry.Leading.AddRange(TakePending());
                        mapping.Collection.Elements.Add(entry);
                        mapping.Pending = entry;
                        mapping.PendingKeyLine = endLine;
                        break;
                    }

                    // Note: YamlDotNet emits a value or item written as nothing ("k:", "-") only when it has read the
                    // token after it, past the comments below it: those are not above this element but after it.
                    var commentsUpTo = scalar.Start.Index == scalar.End.Index ? (int)scalar.Start.Line : int.MaxValue;
                    Place(node, (int)scalar.Start.Line, valueIsScalar: true, commentsUpTo);
                    break;
                }

            case MappingStart or SequenceStart:
                {
                    var start = (NodeEvent)e;
                    var isMapping = e is MappingStart;
                    if (_open.Count > 0 && _open.Peek() is { Collection.IsMapping: true, Pending: null })
                    {
                        throw new YamlException(e.Start, e.End, "complex keys");
                    }

                    var item = _open.Count > 0 && !_open.Peek().Collection.IsMapping ? NewItem((int)start.Start.Line) : null;
                    var isFlow = e is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow };
                    if (_pending.Count > 0 && (_open.Count == 0 || isFlow))
                    {
                        // Note: comments above the root are the file's header, which stays at the top whatever the key
                        // order; comments before a flow collection are not inside it but above its key.
                        (_open.Count == 0 ? _header : _open.Peek().Pending!.Leading).AddRange(TakePending());
                    }

                    _open.Push(new Open(new LayoutCollection(isMapping, isFlow), (int)start.Start.Column, item));
                    break;
                }

            case MappingEnd or SequenceEnd:
                {
                    var open = _open.Pop();
                    open.Collection.EndLine = (int)e.End.Line;
                    // Comments at or right of the collection's column end it; those left of it belong further out.
                    var own = open.Collection.IsFlow ? _pending.Count : _pending.TakeWhile(p => p.Column >= open.Column).Count();
                    open.Collection.EndComments.AddRange(_pending.Take(own).Select(p => p.Line));
                    _pending.RemoveRange(0, own);
                    if (open.Item is { } item)
                    {
                        item.Value = open.Collection;
                        Complete(item, open.Collection.EndLine);
                    }
                    else
                    {
                        Place(open.Collection, 0, valueIsScalar: false, int.MaxValue);
                    }

                    break;
                }
        }
    }

    /// <summary>
    /// Puts a finished node where it belongs: the value of the pending key, a new item, or the root. The comments read
    /// before it on lines up to <paramref name="commentsUpTo"/> go above it; those below stay for what follows.
    /// </summary>
    private void Place(LayoutNode node, int startLine, bool valueIsScalar, int commentsUpTo)
    {
        if (_open.Count == 0)
        {
            _header.AddRange(TakePending());
            _root = node;
            return;
        }

        var open = _open.Peek();
        if (open.Collection.IsMapping)
        {
            var entry = open.Pending!;
            entry.Value = node;
            if (valueIsScalar)
            {
                entry.Leading.AddRange(TakePending(commentsUpTo)); // Note: a comment between a key and its scalar value goes above the key.
            }

            open.Pending = null;
            Complete(entry, node.EndLine);
            return;
        }

        var item = NewItem(startLine, commentsUpTo);
        item.Value = node;
        Complete(item, node.EndLine);
    }

    private LayoutElement NewItem(int startLine, int commentsUpTo = int.MaxValue)
    {
        var item = new LayoutElement(null, BlankBefore(startLine));
        item.Leading.AddRange(TakePending(commentsUpTo));
        _open.Peek().Collection.Elements.Add(item);
        return item;
    }

    private void Complete(LayoutElement element, int endLine)
    {
        var open = _open.Peek();
        open.Last = element;
        open.LastLine = endLine;
    }

    /// <summary>
    /// The lines a key starts and ends on. An empty key written as nothing before its <c>:</c> at the start of a line
    /// (<c>": value"</c>) comes from YamlDotNet with the mark of an earlier key of the document, not its own; its line
    /// is that of the <c>:</c>, the first thing after the event before it that is not white space or a comment.
    /// </summary>
    /// <remarks>
    /// Note: with the earlier key's line, the entry took that key's blank line above it (or lost its own), and the
    /// text formatted from it formatted differently again ("\nkey: x\n:\n").
    /// </remarks>
    private (int Start, int End) KeyLines(Scalar key, Mark previousEnd)
    {
        if (key.Value.Length > 0 || key.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || key.Start.Index != key.End.Index)
        {
            return ((int)key.Start.Line, (int)key.End.Line);
        }

        var content = _source.Content;
        var at = Math.Max(_source.OffsetOf((int)key.Start.Line, (int)key.Start.Column), _source.OffsetOf((int)previousEnd.Line, (int)previousEnd.Column));
        while (at < content.Length)
        {
            if (content[at] is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
            {
                at++;
            }
            else if (content[at] == '#')
            {
                var lineEnd = content.AsSpan(at).IndexOfAny('\r', '\n');
                at = lineEnd < 0 ? content.Length : at + lineEnd;
            }
            else
            {
                break;
            }
        }

        if (at < content.Length && content[at] == ':')
        {
            var line = _source.LocationOf(at).Line;
            return (line, line);
        }

        return ((int)key.Start.Line, (int)key.End.Line);
    }

    private void OnComment(Comment comment)
    {
        var line = (int)comment.Start.Line;
        var text = TextOf(comment);
        _comments.Add(text);
        if (comment.IsInline && _open.Count > 0)
        {
            var open = _open.Peek();
            if (open.Pending is { KeyComment: null } key && open.PendingKeyLine == line)
            {
                key.KeyComment = text;
                return;
            }

            if (open.Pending is null && open.Last is { Trailing: null } last && open.LastLine == line)
            {
                last.Trailing = text;
                return;
            }
        }

        _pending.Add(new PendingComment(new CommentLine(text, BlankBefore(line)), line, (int)comment.Start.Column));
    }

    /// <summary>The comments waiting for an element, in order, up to those on line <paramref name="upToLine"/>.</summary>
    private List<CommentLine> TakePending(int upToLine = int.MaxValue)
    {
        var count = _pending.TakeWhile(p => p.SourceLine <= upToLine).Count();
        var taken = _pending.Take(count).Select(p => p.Line).ToList();
        _pending.RemoveRange(0, count);
        return taken;
    }

    /// <summary>The comment as written, from its <c>#</c> to the end of the line, trailing white space dropped.</summary>
    private string TextOf(Comment comment)
    {
        var line = _source.LineText((int)comment.Start.Line);
        var from = Math.Min((int)comment.Start.Column - 1, line.Length);
        var hash = line.IndexOf('#', from);
        return hash < 0 ? "#" + comment.Value : line[hash..].TrimEnd(' ', '\t', '\r');
    }

    /// <summary>True when the line above <paramref name="line"/> (1-based) is blank.</summary>
    /// <remarks>Each line is looked at once (many elements share a line; one line may be megabytes long).</remarks>
    private bool BlankBefore(int line)
    {
        if (line < 2 || line - 1 > _source.LineCount)
        {
            return false;
        }

        if (!_blank.TryGetValue(line - 1, out var blank))
        {
            blank = string.IsNullOrWhiteSpace(_source.LineText(line - 1));
            _blank.Add(line - 1, blank);
        }

        return blank;
    }

    private static WrittenStyle StyleOf(ScalarStyle style) => style switch
    {
        ScalarStyle.Plain or ScalarStyle.Any => WrittenStyle.Plain,
        ScalarStyle.Literal => WrittenStyle.Literal,
        ScalarStyle.Folded => WrittenStyle.Folded,
        _ => WrittenStyle.Quoted,
    };

    private readonly record struct PendingComment(CommentLine Line, int SourceLine, int Column);

    /// <summary>A collection being read: its entry awaiting a value, its last finished element and the item it is.</summary>
    private sealed class Open(LayoutCollection collection, int column, LayoutElement? item)
    {
        public LayoutCollection Collection { get; } = collection;

        public int Column { get; } = column;

        public LayoutElement? Item { get; } = item;

        public LayoutElement? Pending { get; set; }

        public int PendingKeyLine { get; set; }

        public LayoutElement? Last { get; set; }

        public int LastLine { get; set; }
    }
}
