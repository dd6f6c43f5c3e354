using System.Text;

namespace CodingRules.Language.Checking;

/// <summary>
/// The identity of a checked expression's value within one evaluation: its exact shape, variables by slot. Every
/// expression of the language is pure, so two nodes with one key have one value wherever both are in scope; the
/// checker uses keys to remember which values a guard (<c>has(x)</c>, <c>x != null</c>) proved present.
/// Parameters of predicates inside the expression are named by their nesting (so <c>max(map(l, h =&gt; h.date))</c>
/// written twice has one key although each writing binds its own slot); parameters from outside, by slot.
/// </summary>
internal static class CheckedKey
{
    public static string Of(CheckedNode node)
    {
        var text = new StringBuilder();
        Write(node, text, []);
        return text.ToString();
    }

    private static void Write(CheckedNode node, StringBuilder text, Dictionary<int, int> bound)
    {
        switch (node)
        {
            case ConstantExpr c:
                text.Append(c.Value.Kind).Append(':').Append(c.Value.Kind == TypeKind.String ? Quote(c.Value.AsString!) : c.Value.ToDisplayString());
                return;
            case VariableExpr v:
                text.Append(bound.TryGetValue(v.Slot, out var depth) ? "#" + depth : "$" + v.Slot);
                return;
            case FieldExpr f:
                Write(f.Target, text, bound);
                text.Append('.').Append(f.Field.Name);
                return;
            case LambdaExpr l:
                bound[l.Slot] = bound.Count;
                text.Append('#').Append(bound[l.Slot]).Append("=>");
                Write(l.Body, text, bound);
                return;
            case HoistedExpr h:
                Write(h.Original, text, bound);
                return;
            case DefinitionExpr d:
                text.Append('@').Append(d.Name);
                return;
            case InlineCallExpr c:
                foreach (var slot in c.Slots)
                {
                    bound[slot] = bound.Count;
                }

                text.Append('@').Append(c.Name);
                break;
        }

        text.Append(node switch
        {
            InlineCallExpr => string.Empty,
            CallExpr call => call.Function.Name + "#" + call.Overload.Signature,
            AndExpr => "and",
            OrExpr => "or",
            NotExpr => "not",
            HasExpr => "has",
            DefaultExpr => "??",
            ListExpr => "list",
            _ => node.GetType().Name,
        }).Append('(');
        var first = true;
        foreach (var child in node.Children)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            Write(child, text, bound);
        }

        text.Append(')');
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
