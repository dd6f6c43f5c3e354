using CodingRules.Language.Plan;

namespace CodingRules.Language.Functions;

/// <summary>What the planner gives an implementation: the call's span, its arguments' plans and its load-time state.</summary>
/// <param name="Start">Offset of the call in the expression text.</param>
/// <param name="Length">Length of the call in the expression text.</param>
/// <param name="Arguments">The plans of the arguments other than a predicate.</param>
/// <param name="Lambda">The predicate or mapping, for overloads that take one.</param>
/// <param name="State">What the overload's bind step decided at load.</param>
/// <param name="Propagate">Per argument: true when a missing value makes the result missing without calling the implementation.</param>
internal sealed record PlanRequest(int Start, int Length, PlanNode[] Arguments, LambdaPlan? Lambda, object? State, bool[] Propagate);

/// <summary>A predicate or mapping as planned: its parameter's slot, its body, and the invariants computed before its loop.</summary>
internal sealed record LambdaPlan(int Slot, PlanNode Body, HoistedValue[] Hoisted);

/// <summary>A loop invariant: computed by <see cref="Value"/> into <see cref="Slot"/> before the loop that reads it.</summary>
internal sealed record HoistedValue(int Slot, PlanNode Value);

/// <summary>A function with a predicate or mapping over a list's elements.</summary>
internal delegate Value LambdaFunction(IValueList items, Lambda lambda);

/// <summary>
/// An overload's implementation: how it becomes a plan node. The helpers cover the usual shapes (a function of one or
/// two values, of a list, of a list and a predicate); <see cref="Node"/> lets an overload build a node of its own
/// (comparisons evaluate on a boolean path, a constant list becomes a set once).
/// </summary>
internal abstract class Implementation
{
    public abstract PlanNode Plan(PlanRequest request);

    /// <summary>A node built by the overload itself.</summary>
    public static Implementation Node(Func<PlanRequest, PlanNode> plan) => new NodeImplementation(plan);

    /// <summary>A function of one value (called only when the value is present, if its parameter propagates missing values).</summary>
    public static Implementation Unary(Func<Value, Value> function) =>
        new NodeImplementation(r => new UnaryCallNode(r.Start, r.Length, r.Arguments[0], r.Propagate[0], function));

    /// <summary>A function of two values.</summary>
    public static Implementation Binary(Func<Value, Value, Value> function) =>
        new NodeImplementation(r => new BinaryCallNode(r.Start, r.Length, r.Arguments[0], r.Arguments[1], r.Propagate[0] || r.Propagate[1], function));

    /// <summary>Two texts joined (a missing one makes the result missing), bounded by <see cref="EvaluationFrame.MaxTextLength"/>.</summary>
    public static Implementation JoinTexts() =>
        new NodeImplementation(r => new TextJoinNode(r.Start, r.Length, r.Arguments[0], r.Arguments[1]));

    /// <summary>A function of a list (of its elements).</summary>
    public static Implementation OverList(Func<IValueList, Value> function) =>
        new NodeImplementation(r => new ListCallNode(r.Start, r.Length, r.Arguments[0], function));

    /// <summary>A function of a list and a predicate or mapping over its elements.</summary>
    public static Implementation WithLambda(LambdaFunction function) =>
        new NodeImplementation(r => new LambdaCallNode(r.Start, r.Length, r.Arguments[0], r.Lambda!, function));

    private sealed class NodeImplementation(Func<PlanRequest, PlanNode> plan) : Implementation
    {
        public override PlanNode Plan(PlanRequest request) => plan(request);
    }
}
