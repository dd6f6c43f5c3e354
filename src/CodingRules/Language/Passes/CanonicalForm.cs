using System.Text;
using CodingRules.Language.Checking;

namespace CodingRules.Language.Passes;

/// <summary>
/// The canonical form of a checked (and folded) expression: two conditions with one canonical form give the same
/// answer on every encounter, so <c>diff</c> reports no change between them. The rewrites that count as no change:
/// spacing, line breaks, comments and quote style; redundant parentheses; the order and grouping of the operands of
/// an <c>and</c> or an <c>or</c> chain; the order of the operands of <c>==</c> and <c>!=</c>; <c>a &gt; b</c> for
/// <c>b &lt; a</c> (and <c>&gt;=</c> for <c>&lt;=</c>); a negation moved inwards (<c>not (a &lt; b)</c> for
/// <c>a &gt;= b</c>, <c>not (a and b)</c> for <c>not a or not b</c>, <c>not not a</c> for <c>a</c>, <c>not (x in l)</c>
/// for <c>x not in l</c>); constants written differently with one value (<c>years(1)</c> for <c>months(12)</c>);
/// and the names of predicate parameters. Every operand of an ordering comparison is present (the checker sees to
/// it), so the comparison laws hold without exception.
/// </summary>
internal static class CanonicalForm
{
    public static string Of(CheckedNode node)
    {
        var text = new StringBuilder();
        new Printer(text).Write(node, negated: false, depth: 0);
        return text.ToString();
    }

    private sealed class Printer(StringBuilder text)
    {
        private readonly Dictionary<int, int> _parameters = [];
        private readonly Dictionary<int, string> _arguments = [];

        public void Write(CheckedNode node, bool negated, int depth)
        {
            switch (node)
            {
                case NotExpr not:
                    Write(not.Operand, !negated, depth);
                    return;
                case DefinitionExpr definition:
                    // A definition means its body: naming a sub-expression is no change.
                    Write(definition.Body, negated, depth);
                    return;
                case InlineCallExpr call:
                    for (var i = 0; i < call.Slots.Length; i++)
                    {
                        _arguments[call.Slots[i]] = Render(call.Arguments[i], false, depth);
                    }

                    Write(call.Body, negated, depth);
                    return;
                case HoistedExpr hoisted:
                    Write(hoisted.Original, negated, depth);
                    return;
                case AndExpr or OrExpr:
                    WriteChain(node, negated, depth);
                    return;
                case CallExpr call when Complement(call.Function.Name, negated) is { } op:
                    WriteCall(op, call, depth);
                    return;
            }

            if (negated)
            {
                text.Append("not(");
                Write(node, false, depth);
                text.Append(')');
                return;
            }

            switch (node)
            {
                case ConstantExpr c:
                    text.Append(c.Value.Kind switch
                    {
                        TypeKind.String => Quote(c.Value.AsString!),
                        TypeKind.List => ListText(c.Value.AsList!),
                        _ => c.Value.ToDisplayString(),
                    });
                    return;
                case VariableExpr { IsParameter: true } v when _arguments.TryGetValue(v.Slot, out var argument):
                    text.Append(argument);
                    return;
                case VariableExpr { IsParameter: true } v:
                    text.Append('$').Append(_parameters.TryGetValue(v.Slot, out var index) ? index : v.Slot);
                    return;
                case VariableExpr v:
                    text.Append(v.Name);
                    return;
                case FieldExpr f:
                    Write(f.Target, false, depth);
                    text.Append('.').Append(f.Field.Name);
                    return;
                case LambdaExpr l:
                    _parameters[l.Slot] = depth;
                    text.Append('$').Append(depth).Append(" => ");
                    Write(l.Body, false, depth + 1);
                    return;
                case CallExpr call:
                    WriteCall(call.Function.Name, call, depth);
                    return;
                default:
                    text.Append(node switch { HasExpr => "has", DefaultExpr => "??", ListExpr => "list", _ => node.GetType().Name });
                    WriteArguments(node.Children, depth, sorted: false);
                    return;
            }
        }

        private void WriteChain(CheckedNode node, bool negated, int depth)
        {
            // De Morgan: a negated and-chain is an or-chain of negated operands.
            var isAnd = node is AndExpr != negated;
            var operands = new List<string>();
            Flatten(node, negated, operands, depth);
            operands.Sort(StringComparer.Ordinal);
            text.Append(isAnd ? "and(" : "or(").AppendJoin(", ", operands).Append(')');
        }

        private void Flatten(CheckedNode node, bool negated, List<string> operands, int depth)
        {
            var isAnd = node is AndExpr != negated;
            foreach (var operand in node.Children)
            {
                var (inner, innerNegated) = Unwrap(operand, negated);
                if (inner is AndExpr or OrExpr && (inner is AndExpr != innerNegated) == isAnd)
                {
                    Flatten(inner, innerNegated, operands, depth);
                    continue;
                }

                operands.Add(Render(inner, innerNegated, depth));
            }
        }

        private static (CheckedNode Node, bool Negated) Unwrap(CheckedNode node, bool negated)
        {
            while (node is NotExpr not)
            {
                node = not.Operand;
                negated = !negated;
            }

            return (node, negated);
        }

        private string Render(CheckedNode node, bool negated, int depth)
        {
            var printer = new Printer(new StringBuilder());
            foreach (var (slot, index) in _parameters)
            {
                printer._parameters[slot] = index;
            }

            foreach (var (slot, argument) in _arguments)
            {
                printer._arguments[slot] = argument;
            }

            printer.Write(node, negated, depth);
            return printer.Text;
        }

        private string Text => text.ToString();

        private void WriteCall(string name, CallExpr call, int depth)
        {
            var arguments = call.Arguments;
            if (name is ">" or ">=")
            {
                // a > b is b < a
                name = name == ">" ? "<" : "<=";
                arguments = [arguments[1], arguments[0]];
            }

            text.Append(name);
            WriteArguments(arguments, depth, sorted: name is "==" or "!=");
        }

        private void WriteArguments(IReadOnlyList<CheckedNode> arguments, int depth, bool sorted)
        {
            var rendered = arguments.Select(a => Render(a, false, depth)).ToList();
            if (sorted)
            {
                rendered.Sort(StringComparer.Ordinal);
            }

            text.Append('(').AppendJoin(", ", rendered).Append(')');
        }

        /// <summary>The operator a negated comparison or membership test is, or null when negation does not move in.</summary>
        private static string? Complement(string name, bool negated) => (name, negated) switch
        {
            ("<" or "<=" or ">" or ">=" or "==" or "!=" or "in" or "not in", false) => name,
            ("<", true) => ">=",
            ("<=", true) => ">",
            (">", true) => "<=",
            (">=", true) => "<",
            ("==", true) => "!=",
            ("!=", true) => "==",
            ("in", true) => "not in",
            ("not in", true) => "in",
            _ => null,
        };

        private static string ListText(IValueList list)
        {
            var items = new List<string>();
            for (var i = 0; i < list.Count; i++)
            {
                items.Add(list[i].Kind == TypeKind.String ? Quote(list[i].AsString!) : list[i].ToDisplayString());
            }

            return "[" + string.Join(", ", items) + "]";
        }

        private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
