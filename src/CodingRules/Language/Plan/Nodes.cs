using System.Collections.Frozen;

namespace CodingRules.Language.Plan;

// Note: plan nodes form one closed family of small classes; they sit together so the interpreter reads as one page.
#pragma warning disable CA1812 // Instantiated by the binder.

internal sealed class ConstantNode(int start, int length, Value value) : PlanNode(start, length)
{
    public Value Value { get; } = value;

    public override Value Evaluate(EvaluationFrame frame) => Value;
}

internal sealed class SlotNode(int start, int length, int slot) : PlanNode(start, length)
{
    public int Slot => slot;

    public override bool ReadsFrame => true;

    public override Value Evaluate(EvaluationFrame frame) => frame.Slots[slot];
}

/// <summary>
/// Reads a value computed once before a predicate's loop (a loop-invariant sub-expression hoisted at load).
/// <see cref="DependsOn"/> is the highest slot the original expression read.
/// </summary>
internal sealed class HoistedNode(int start, int length, int slot, int dependsOn, PlanNode original) : PlanNode(start, length)
{
    public int Slot => slot;

    public int DependsOn => dependsOn;

    public PlanNode Original => original;

    public override bool ReadsFrame => true;

    public override IReadOnlyList<PlanNode> Children => [original];

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

internal sealed class NegateNode(int start, int length, PlanNode operand) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [operand];

    public override Value Evaluate(EvaluationFrame frame)
    {
        var v = operand.Evaluate(frame);
        return v.IsNull ? Value.Null : Value.FromNumber(-v.AsNumber);
    }
}

internal sealed class AndNode(int start, int length, PlanNode left, PlanNode right) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [left, right];

    public override Value Evaluate(EvaluationFrame frame) => Value.FromBoolean(EvaluateBoolean(frame));

    public override bool EvaluateBoolean(EvaluationFrame frame) => left.EvaluateBoolean(frame) && right.EvaluateBoolean(frame);
}

internal sealed class OrNode(int start, int length, PlanNode left, PlanNode right) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [left, right];

    public override Value Evaluate(EvaluationFrame frame) => Value.FromBoolean(EvaluateBoolean(frame));

    public override bool EvaluateBoolean(EvaluationFrame frame) => left.EvaluateBoolean(frame) || right.EvaluateBoolean(frame);
}

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

/// <summary>Orders numbers, dates or strings; any null operand makes the comparison false.</summary>
internal sealed class CompareNode(int start, int length, PlanNode left, PlanNode right, ComparisonOperator op) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [left, right];

    public override Value Evaluate(EvaluationFrame frame) => Value.FromBoolean(EvaluateBoolean(frame));

    public override bool EvaluateBoolean(EvaluationFrame frame)
    {
        var l = left.Evaluate(frame);
        var r = right.Evaluate(frame);
        if (l.IsNull || r.IsNull)
        {
            return false;
        }

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

internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

/// <summary>Number arithmetic; null in, null out; division by zero gives null rather than infinity.</summary>
internal sealed class ArithmeticNode(int start, int length, PlanNode left, PlanNode right, ArithmeticOperator op) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [left, right];

    public override Value Evaluate(EvaluationFrame frame)
    {
        var l = left.Evaluate(frame);
        var r = right.Evaluate(frame);
        if (l.IsNull || r.IsNull)
        {
            return Value.Null;
        }

        double a = l.AsNumber, b = r.AsNumber;
        return op switch
        {
            ArithmeticOperator.Add => Value.FromNumber(a + b),
            ArithmeticOperator.Subtract => Value.FromNumber(a - b),
            ArithmeticOperator.Multiply => Value.FromNumber(a * b),
            ArithmeticOperator.Divide => b == 0 ? Value.Null : Value.FromNumber(a / b),
            _ => b == 0 ? Value.Null : Value.FromNumber(a % b),
        };
    }
}

internal sealed class ConcatNode(int start, int length, PlanNode left, PlanNode right) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [left, right];

    public override Value Evaluate(EvaluationFrame frame) =>
        Value.FromString(left.Evaluate(frame).AsString + right.Evaluate(frame).AsString);
}

/// <summary><c>date + period</c>, <c>date - period</c> and <c>period + period</c>.</summary>
internal sealed class PeriodArithmeticNode(int start, int length, PlanNode left, PlanNode right, bool subtract) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [left, right];

    public override Value Evaluate(EvaluationFrame frame)
    {
        var l = left.Evaluate(frame);
        var r = right.Evaluate(frame);
        if (l.IsNull || r.IsNull)
        {
            return Value.Null;
        }

        if (l.Kind == TypeKind.Period)
        {
            var sign = subtract ? -1 : 1;
            return Value.FromPeriod(new Period(l.AsPeriod.Months + (sign * r.AsPeriod.Months), l.AsPeriod.Days + (sign * r.AsPeriod.Days)));
        }

        var date = l.AsDate;
        var period = r.AsPeriod;
        try
        {
            return Value.FromDate(subtract ? period.SubtractFrom(date) : period.AddTo(date));
        }
        catch (ArgumentOutOfRangeException)
        {
            return Value.Null; // beyond the calendar's range: no date
        }
    }
}

/// <summary><c>x in list</c>; a constant list is turned into a set once, at load.</summary>
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
#pragma warning restore CA1812
