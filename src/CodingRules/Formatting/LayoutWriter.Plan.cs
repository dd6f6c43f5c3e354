using Newtonsoft.Json.Linq;

namespace CodingRules.Formatting;

/// <summary>
/// How the writer lays out one element before writing it: its value inline, as a filled flow list, as a block
/// scalar or as a block collection, and which of its comments stay on its line and which go above it.
/// </summary>
internal sealed partial class LayoutWriter
{
    /// <summary>How one element is written: as a block (its value below it) or inline, and where its comments go.</summary>
    private readonly record struct ElementPlan(List<CommentLine> Above, string? LineComment, Shape Shape, string? Inline, List<LayoutElement>? Children);

    private enum Shape
    {
        Inline,
        WrappedFlow,
        BlockScalar,
        BlockCollection,
    }

    private ElementPlan Plan(LayoutElement element, int indent, JObject? schema)
    {
        var above = new List<CommentLine>(element.Leading);
        var column = element.Key is { } key ? indent + Inline(key, flow: false).Length + 2 : indent + 2;
        var comments = new[] { element.KeyComment, element.Trailing }.OfType<string>().ToList();
        Shape shape;
        string? inline = null;
        List<LayoutElement>? children = null;
        switch (element.Value)
        {
            case LayoutScalar scalar:
                inline = Inline(scalar, flow: false);
                shape = Block(scalar, column, indent + Step) is null ? Shape.Inline : Shape.BlockScalar;
                break;
            case LayoutCollection { Elements.Count: 0 } empty:
                inline = empty.IsMapping ? "{}" : "[]";
                above.AddRange(empty.EndComments); // Note: "[]" has no line for a comment inside it; it goes above.
                shape = Shape.Inline;
                break;
            case LayoutCollection collection:
                inline = collection.IsFlow ? Flow(collection, schema) : null;
                if (inline is not null && column + inline.Length <= Width)
                {
                    shape = Shape.Inline;
                }
                else if (collection.IsFlow && !collection.HoldsComments && !collection.IsMapping && collection.Elements.All(e => e.Value is LayoutScalar))
                {
                    shape = Shape.WrappedFlow;
                }
                else
                {
                    shape = Shape.BlockCollection;
                    children = Elements(collection, schema);
                }

                break;
            default:
                throw new InvalidOperationException("unknown layout node");
        }

        // Note: a line takes one comment. A sequence item whose value starts below its dash (a block scalar, or a
        // block mapping whose first entry shares the dash's line) takes none: a comment there would be read back as
        // the first entry's, or as a comment above the item. Such comments go above the element.
        var lineTakesComment = element.Key is not null || shape is Shape.Inline or Shape.WrappedFlow;
        var lineComment = lineTakesComment && comments.Count > 0 ? comments[0] : null;
        above.AddRange(comments.Skip(lineComment is null ? 0 : 1).Select(c => new CommentLine(c, false)));
        if (element.Key is null && shape is Shape.BlockCollection && children is [var firstChild, ..])
        {
            // Note: the first element shares the dash's line, so whatever would go above it goes above the item.
            var firstAbove = Plan(firstChild, indent + Step, ChildSchema(schema, firstChild)).Above;
            above.AddRange(firstAbove.Select((c, i) => i == 0 ? c with { BlankBefore = false } : c));
        }

        return new ElementPlan(above, lineComment, shape, inline, children);
    }
}
