using System.Collections.Frozen;

namespace CodingRules.Language.Plan;

// Note: plan nodes form one closed family of small classes; they sit together so the interpreter reads as one page.
#pragma warning disable CA1812 // Instantiated by the planner and by implementations.

internal sealed class ConstantNode(int start, int length, Value value) : PlanNode(start, length)
{
    public Value Value { get; } = value;

    public override Value Evaluate(EvaluationFrame frame) => Value;
}

/// <summary>Reads a slot: a host variable, a predicate's parameter or a hoisted loop invariant.</summary>
internal sealed class SlotNode(int start, int length, int slot) : PlanNode(start, length)
{
    public int Slot => slot;

    public override Value Evaluate(EvaluationFrame frame) => frame.Slots[slot];
}

internal sealed class FieldNode(int start, int length, PlanNode target, Func<object, Value> getter) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [target];

    public override Value Evaluate(EvaluationFrame frame)
    {
        var obj = target.Evaluate(frame).AsObject;
        return obj is null ? Value.Null : getter(obj);
    }
}

internal sealed class NotNode(int start, int length, PlanNode operand) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [operand];

    public override Value Evaluate(EvaluationFrame frame) => Value.FromBoolean(!operand.EvaluateBoolean(frame));

    public override bool EvaluateBoolean(EvaluationFrame frame) => !operand.EvaluateBoolean(frame);
}

internal sealed class AndNode(int start, int length, PlanNode[] operands) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => operands;

    public override Value Evaluate(EvaluationFrame frame) => Value.FromBoolean(EvaluateBoolean(frame));

    public override bool EvaluateBoolean(EvaluationFrame frame)
    {
        foreach (var operand in operands)
        {
            if (!operand.EvaluateBoolean(frame))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class OrNode(int start, int length, PlanNode[] operands) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => operands;

    public override Value Evaluate(EvaluationFrame frame) => Value.FromBoolean(EvaluateBoolean(frame));

    public override bool EvaluateBoolean(EvaluationFrame frame)
    {
        foreach (var operand in operands)
        {
            if (operand.EvaluateBoolean(frame))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>has(x)</c>.</summary>
internal sealed class HasNode(int start, int length, PlanNode operand) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [operand];

    public override Value Evaluate(EvaluationFrame frame) => Value.FromBoolean(EvaluateBoolean(frame));

    public override bool EvaluateBoolean(EvaluationFrame frame) => !operand.Evaluate(frame).IsNull;
}

/// <summary><c>x ?? fallback</c>; the fallback is evaluated only when <c>x</c> is missing.</summary>
internal sealed class DefaultNode(int start, int length, PlanNode value, PlanNode fallback) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [value, fallback];

    public override Value Evaluate(EvaluationFrame frame)
    {
        var v = value.Evaluate(frame);
        return v.IsNull ? fallback.Evaluate(frame) : v;
    }
}

/// <summary>Scalar equality: a missing value equals only a missing value.</summary>
internal sealed class EqualsNode(int start, int length, PlanNode left, PlanNode right, bool negated) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [left, right];

    public override Value Evaluate(EvaluationFrame frame) => Value.FromBoolean(EvaluateBoolean(frame));

    public override bool EvaluateBoolean(EvaluationFrame frame) => left.Evaluate(frame).Equals(right.Evaluate(frame)) != negated;
}

internal enum ComparisonOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>
/// Orders numbers, dates or strings. The checker lets only present values reach an ordering comparison, so the
/// four operators are exact complements (<c>not (a &lt; b)</c> is <c>a &gt;= b</c>); numbers are ordered totally
/// (<see cref="double.CompareTo(double)"/>), strings ordinally.
/// </summary>
internal sealed class CompareNode(int start, int length, PlanNode left, PlanNode right, ComparisonOperator op) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [left, right];

    public override Value Evaluate(EvaluationFrame frame) => Value.FromBoolean(EvaluateBoolean(frame));

    public override bool EvaluateBoolean(EvaluationFrame frame)
    {
        var l = left.Evaluate(frame);
        var r = right.Evaluate(frame);
        var c = l.Kind == TypeKind.String
            ? string.CompareOrdinal(l.AsString, r.AsString)
            : l.AsNumber.CompareTo(r.AsNumber);
        return op switch
        {
            ComparisonOperator.Less => c < 0,
            ComparisonOperator.LessOrEqual => c <= 0,
            ComparisonOperator.Greater => c > 0,
            _ => c >= 0,
        };
    }
}

/// <summary><c>x in list</c> (repeated <c>==</c>); a constant list is turned into a set once, at load.</summary>
internal sealed class InNode : PlanNode
{
    private readonly PlanNode _item;
    private readonly PlanNode _list;
    private readonly FrozenSet<Value>? _constantSet;
    private readonly bool _negated;

    public InNode(int start, int length, PlanNode item, PlanNode list, bool negated)
        : base(start, length)
    {
        _item = item;
        _list = list;
        _negated = negated;
        if (list is ConstantNode { Value.AsList: { } values })
        {
            var set = new HashSet<Value>();
            for (var i = 0; i < values.Count; i++)
            {
                set.Add(values[i]);
            }

            _constantSet = set.ToFrozenSet();
        }
    }

    public override IReadOnlyList<PlanNode> Children => [_item, _list];

    public override Value Evaluate(EvaluationFrame frame) => Value.FromBoolean(EvaluateBoolean(frame));

    public override bool EvaluateBoolean(EvaluationFrame frame)
    {
        var item = _item.Evaluate(frame);
        bool found;
        if (_constantSet is not null)
        {
            found = _constantSet.Contains(item);
        }
        else
        {
            found = false;
            var list = _list.Evaluate(frame).AsList;
            for (var i = 0; list is not null && i < list.Count && !found; i++)
            {
                found = list[i].Equals(item);
            }
        }

        return found != _negated;
    }
}

internal sealed class ListNode(int start, int length, PlanNode[] items) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => items;

    public override Value Evaluate(EvaluationFrame frame)
    {
        var values = new Value[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i].Evaluate(frame);
        }

        return Value.FromList(new ValueList(values));
    }
}

/// <summary><c>lookup("table", key)</c>: the number the rule set's table holds for the key, or missing.</summary>
internal sealed class LookupNode(int start, int length, IReadOnlyDictionary<string, Value> table, PlanNode key) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [key];

    public override Value Evaluate(EvaluationFrame frame)
    {
        if (key.Evaluate(frame).AsString is not { } k || !table.TryGetValue(k, out var value))
        {
            return Value.Null;
        }

        frame.TableReads?.ReadLookup(table, k);
        return value;
    }
}

/// <summary>The rows of a data table with a key: its parts evaluated, joined, looked up (all rows, or the first).</summary>
internal sealed class RowsNode(int start, int length, IDataTable table, PlanNode[] keys, bool many) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => keys;

    public override Value Evaluate(EvaluationFrame frame)
    {
        string? key = null;
        foreach (var part in keys)
        {
            if (part.Evaluate(frame).AsString is not { } text)
            {
                return many ? Value.FromList(ValueList.Empty) : Value.Null;
            }

            key = key is null ? text : key + IDataTable.KeySeparator + text;
        }

        var rows = table.Find(key!);
        frame.TableReads?.ReadRows(table, rows, many ? rows.Count : Math.Min(1, rows.Count));
        return many ? Value.FromList(rows) : rows.Count == 0 ? Value.Null : rows[0];
    }
}
#pragma warning restore CA1812
