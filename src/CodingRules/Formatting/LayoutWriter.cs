using System.Text;
using Newtonsoft.Json.Linq;

namespace CodingRules.Formatting;

/// <summary>
/// Writes a <see cref="LayoutDocument"/> in the canonical layout (docs/authoring.md, "Formatting"): two spaces per
/// level, block sequences indented under their key, keys in the schema's order, a flow collection kept on one line
/// only while it fits in <see cref="Width"/> columns and holds no comment, comments and single blank lines where
/// they were. Each element is planned in <c>LayoutWriter.Plan.cs</c>; flow collections and scalars are written by
/// <c>LayoutWriter.Flow.cs</c> and <c>LayoutWriter.Scalars.cs</c>. The text it writes depends on the document's
/// values, comments and flow or block choices only, so writing what it wrote gives the same text again.
/// </summary>
internal sealed partial class LayoutWriter
{
    /// <summary>The column limit: lines are kept within it where the layout can break them.</summary>
    public const int Width = 120;

    private const int Step = 2;

    private readonly StringBuilder _text = new();
    private readonly SchemaKeyOrder _order;
    private bool _afterKeptBlock;

    private LayoutWriter(SchemaKeyOrder order) => _order = order;

    /// <summary>The canonical text of <paramref name="document"/>: LF line ends, one final line break.</summary>
    public static string Write(LayoutDocument document, SchemaKeyOrder order)
    {
        var writer = new LayoutWriter(order);
        writer.WriteDocument(document);
        return writer._text.ToString();
    }

    private void WriteDocument(LayoutDocument document)
    {
        WriteComments(document.Header, 0, blankAllowed: true);
        switch (document.Root)
        {
            case LayoutCollection collection when Elements(collection, _order.Root) is { Count: > 0 } elements
                && !(collection.IsFlow && Flow(collection, _order.Root) is { } flow && flow.Length <= Width):
                WriteElements(collection, elements, 0, _order.Root, firstBlankAllowed: document.Header.Count > 0, continueLine: false);
                break;
            case LayoutCollection collection:
                // Note: "[]" has no line for a comment inside it, and a comment after a flow root is read as the
                // header's (LayoutReader.Finish): it goes above, as a nested empty collection's does.
                WriteComments(collection.EndComments, 0, blankAllowed: true);
                _text.Append(Flow(collection, _order.Root) ?? (collection.IsMapping ? "{}" : "[]")).Append('\n');
                break;
            case LayoutScalar scalar:
                // Note: a document that is one empty (null) scalar is written "~", the same null: an empty line would be no document.
                _text.Append(Inline(scalar, flow: false) is { Length: > 0 } inline ? inline : "~").Append('\n');
                break;
        }
    }

    /// <summary>The elements of a collection in canonical order: a mapping's keys as the schema declares them.</summary>
    private List<LayoutElement> Elements(LayoutCollection collection, JObject? schema)
    {
        if (!collection.IsMapping)
        {
            return collection.Elements;
        }

        var keys = _order.Keys(schema);
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            rank[keys[i]] = i;
        }

        // Note: OrderBy is stable, so undeclared keys (and a duplicate key, which the loader reports) keep their order.
        return [.. collection.Elements.OrderBy(e => rank.TryGetValue(e.Key!.Value, out var r) ? r : keys.Count)];
    }

    private JObject? ChildSchema(JObject? schema, LayoutElement element) =>
        element.Key is { } key ? _order.Property(schema, key.Value) : _order.Items(schema);

    /// <summary>
    /// Writes the elements of a block collection at <paramref name="indent"/>. With <paramref name="continueLine"/>
    /// the first element goes on the current line (after a sequence's dash); its comments were written above it.
    /// </summary>
    private void WriteElements(LayoutCollection collection, List<LayoutElement> elements, int indent, JObject? schema, bool firstBlankAllowed, bool continueLine)
    {
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            var childSchema = ChildSchema(schema, element);
            var plan = Plan(element, indent, childSchema);
            var first = i == 0;
            if (!(first && continueLine))
            {
                var blank = plan.Above.Count > 0 ? plan.Above[0].BlankBefore : element.BlankBefore;
                if (blank && (!first || firstBlankAllowed))
                {
                    Blank();
                }

                WriteComments(plan.Above, indent, blankAllowed: true, skipFirstBlank: true);
                if (plan.Above.Count > 0 && element.BlankBefore)
                {
                    Blank();
                }

                _text.Append(' ', indent);
            }

            if (element.Key is { } key)
            {
                WriteEntry(key, element.Value, plan, indent, childSchema);
            }
            else
            {
                WriteItem(element.Value, plan, indent, childSchema);
            }
        }

        WriteComments(collection.EndComments, indent, blankAllowed: true);
    }

    private void WriteEntry(LayoutScalar key, LayoutNode value, ElementPlan plan, int indent, JObject? schema)
    {
        _text.Append(Inline(key, flow: false)).Append(':');
        WriteValue(value, plan, indent, indent + Inline(key, flow: false).Length + 2, schema, isItem: false);
    }

    private void WriteItem(LayoutNode value, ElementPlan plan, int indent, JObject? schema)
    {
        _text.Append('-');
        WriteValue(value, plan, indent, indent + 2, schema, isItem: true);
    }

    private void WriteValue(LayoutNode value, ElementPlan plan, int indent, int column, JObject? schema, bool isItem)
    {
        switch (plan.Shape)
        {
            case Shape.Inline:
                if (plan.Inline!.Length > 0)
                {
                    _text.Append(' ').Append(plan.Inline);
                }

                EndLine(plan.LineComment);
                break;
            case Shape.WrappedFlow:
                WriteWrapped((LayoutCollection)value, indent + Step, column);
                EndLine(plan.LineComment);
                break;
            case Shape.BlockScalar:
                var block = Block((LayoutScalar)value, column, indent + Step)!;
                _text.Append(' ').Append(block.Header);
                EndLine(plan.LineComment);
                foreach (var line in block.Lines)
                {
                    if (line.Length > 0)
                    {
                        _text.Append(' ', indent + Step).Append(line);
                    }

                    _text.Append('\n');
                }

                _afterKeptBlock = block.Header.EndsWith('+');

                break;
            case Shape.BlockCollection:
                var collection = (LayoutCollection)value;
                if (isItem)
                {
                    _text.Append(' ');
                    WriteElements(collection, plan.Children!, indent + Step, schema, firstBlankAllowed: false, continueLine: true);
                }
                else
                {
                    EndLine(plan.LineComment);
                    WriteElements(collection, plan.Children!, indent + Step, schema, firstBlankAllowed: false, continueLine: false);
                }

                break;
        }
    }

    /// <summary>A blank line, unless the last thing written is a block that keeps its final empty lines: there it would be text.</summary>
    private void Blank()
    {
        if (!_afterKeptBlock)
        {
            _text.Append('\n');
        }
    }

    private void EndLine(string? comment)
    {
        _afterKeptBlock = false;
        if (comment is not null)
        {
            _text.Append(' ').Append(comment);
        }

        _text.Append('\n');
    }

    private void WriteComments(IReadOnlyList<CommentLine> comments, int indent, bool blankAllowed, bool skipFirstBlank = false)
    {
        for (var i = 0; i < comments.Count; i++)
        {
            if (comments[i].BlankBefore && blankAllowed && !(i == 0 && skipFirstBlank) && (i > 0 || _text.Length > 0))
            {
                Blank();
            }

            _text.Append(' ', indent).Append(comments[i].Text).Append('\n');
            _afterKeptBlock = false;
        }
    }
}
