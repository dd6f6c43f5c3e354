using Newtonsoft.Json.Linq;

namespace CodingRules.Formatting;

/// <summary>Flow collections: on one line (<c>[a, b]</c>, <c>{ k: v }</c>), or a long list of scalars filled to the width.</summary>
internal sealed partial class LayoutWriter
{
    /// <summary>A flow sequence of scalars too long for one line: filled to the width, continued two spaces in.</summary>
    private void WriteWrapped(LayoutCollection sequence, int continuation, int column)
    {
        _text.Append(" [");
        var at = column + 1;
        for (var i = 0; i < sequence.Elements.Count; i++)
        {
            var item = Inline((LayoutScalar)sequence.Elements[i].Value, flow: true) + (i == sequence.Elements.Count - 1 ? "]" : ",");
            if (i > 0 && at + 1 + item.Length > Width)
            {
                _text.Append('\n').Append(' ', continuation).Append(item);
                at = continuation + item.Length;
            }
            else
            {
                _text.Append(i > 0 ? " " : string.Empty).Append(item);
                at += (i > 0 ? 1 : 0) + item.Length;
            }
        }
    }

    /// <summary>A flow collection on one line (keys in canonical order), or null when it holds a comment or an empty value.</summary>
    private string? Flow(LayoutCollection collection, JObject? schema)
    {
        if (!collection.IsFlow || collection.HoldsComments)
        {
            return null;
        }

        if (collection.Elements.Count == 0)
        {
            return collection.IsMapping ? "{}" : "[]";
        }

        var parts = new List<string>();
        foreach (var element in Elements(collection, schema))
        {
            var value = element.Value switch
            {
                LayoutScalar { Value.Length: 0, Style: WrittenStyle.Plain } => null,
                LayoutScalar scalar => Inline(scalar, flow: true),
                LayoutCollection nested => Flow(nested, ChildSchema(schema, element)),
                _ => null,
            };
            if (value is null)
            {
                return null;
            }

            parts.Add(element.Key is { } key ? Inline(key, flow: true) + ": " + value : value);
        }

        return collection.IsMapping ? "{ " + string.Join(", ", parts) + " }" : "[" + string.Join(", ", parts) + "]";
    }
}
