using CodingRules.Language.Functions;

namespace CodingRules.Language.Plan;

// Note: the generic call nodes of declared functions; one page, as the interpreter's other nodes.
#pragma warning disable CA1812 // Instantiated by implementations.

/// <summary>
/// A predicate or mapping being run over a list: puts an element into the parameter's slot and evaluates the body.
/// A ref struct so that running one allocates nothing.
/// </summary>
internal readonly ref struct Lambda
{
    private readonly EvaluationFrame _frame;
    private readonly int _slot;
    private readonly PlanNode _body;

    public Lambda(EvaluationFrame frame, int slot, PlanNode body)
    {
        _frame = frame;
        _slot = slot;
        _body = body;
    }

    /// <summary>The predicate's answer for <paramref name="item"/>.</summary>
    public bool Test(Value item)
    {
        _frame.Slots[_slot] = item;
        return _body.EvaluateBoolean(_frame);
    }

    /// <summary>Pays for a list of <paramref name="count"/> elements about to be built (see <see cref="EvaluationFrame.MaxBuiltElements"/>).</summary>
    public void WillBuild(int count) => _frame.SpendOnList(count);

    /// <summary>The mapping's value for <paramref name="item"/>.</summary>
    public Value Apply(Value item)
    {
        _frame.Slots[_slot] = item;
        return _body.Evaluate(_frame);
    }
}

internal sealed class UnaryCallNode(int start, int length, PlanNode argument, bool propagate, Func<Value, Value> function) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [argument];

    public override Value Evaluate(EvaluationFrame frame)
    {
        var a = argument.Evaluate(frame);
        return propagate && a.IsNull ? Value.Null : function(a);
    }
}

internal sealed class BinaryCallNode(int start, int length, PlanNode left, PlanNode right, bool propagate, Func<Value, Value, Value> function)
    : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [left, right];

    public override Value Evaluate(EvaluationFrame frame)
    {
        var a = left.Evaluate(frame);
        var b = right.Evaluate(frame);
        if (propagate && (a.IsNull || b.IsNull))
        {
            return Value.Null;
        }

        return function(a, b);
    }
}

/// <summary>Two texts joined: costs by the length of the result, paid (and bounded) before it is built.</summary>
internal sealed class TextJoinNode(int start, int length, PlanNode left, PlanNode right) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [left, right];

    public override Value Evaluate(EvaluationFrame frame)
    {
        var a = left.Evaluate(frame).AsString;
        var b = right.Evaluate(frame).AsString;
        if (a is null || b is null)
        {
            return Value.Null;
        }

        frame.SpendOnText((long)a.Length + b.Length);
        return Value.FromString(a + b);
    }
}

/// <summary>A function of a list; a missing list (never produced by typed facts) reads as empty.</summary>
internal sealed class ListCallNode(int start, int length, PlanNode list, Func<IValueList, Value> function) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [list];

    public override Value Evaluate(EvaluationFrame frame)
    {
        var items = list.Evaluate(frame).AsList ?? ValueList.Empty;
        frame.Spend(1 + items.Count);
        return function(items);
    }
}

/// <summary>
/// A function of a list and a predicate or mapping. Loop invariants hoisted out of the predicate are computed first,
/// once, into their slots; the loop then reads them there. Loops are bounded by the list's length.
/// </summary>
internal sealed class LambdaCallNode(int start, int length, PlanNode list, LambdaPlan lambda, LambdaFunction function) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [list, lambda.Body];

    public override bool IsPredicateScope => true;

    public override Value Evaluate(EvaluationFrame frame)
    {
        foreach (var h in lambda.Hoisted)
        {
            frame.Slots[h.Slot] = h.Value.Evaluate(frame);
        }

        var items = list.Evaluate(frame).AsList ?? ValueList.Empty;

        // Note: one step per element, paid before the loop (a loop that stops early has paid for the whole list: the
        // budget is an upper bound on the work, and one subtraction per loop costs less than one per element).
        frame.Spend(1 + items.Count);
        return function(items, new Lambda(frame, lambda.Slot, lambda.Body));
    }
}
/// <summary>A named value definition: computed on first use in an evaluation scope, then read from the frame's cache.</summary>
internal sealed class DefinitionNode(int start, int length, int cacheIndex, PlanNode body) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [body];

    public override Value Evaluate(EvaluationFrame frame)
    {
        if (frame.TryGetCached(cacheIndex, out var value))
        {
            return value;
        }

        value = body.Evaluate(frame);
        frame.SetCached(cacheIndex, value);
        return value;
    }
}

/// <summary>A call of a named function definition: the arguments into the parameters' slots, then the body.</summary>
internal sealed class InlineCallNode(int start, int length, int[] slots, PlanNode[] arguments, PlanNode body) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [.. arguments, body];

    public override Value Evaluate(EvaluationFrame frame)
    {
        Bind(frame);
        return body.Evaluate(frame);
    }

    public override bool EvaluateBoolean(EvaluationFrame frame)
    {
        Bind(frame);
        return body.EvaluateBoolean(frame);
    }

    private void Bind(EvaluationFrame frame)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            frame.Slots[slots[i]] = arguments[i].Evaluate(frame);
        }
    }
}
#pragma warning restore CA1812
