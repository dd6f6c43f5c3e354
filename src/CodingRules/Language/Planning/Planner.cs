using CodingRules.Language.Checking;
using CodingRules.Language.Functions;
using CodingRules.Language.Plan;

namespace CodingRules.Language.Planning;

/// <summary>
/// Turns a checked tree into an evaluation plan: each node becomes a plan node, each call the node its overload's
/// implementation builds. Recursion is bounded by the tree's height (the parser bounds it).
/// </summary>
internal static class Planner
{
    public static PlanNode Plan(CheckedNode node) => node switch
    {
        ConstantExpr c => new ConstantNode(c.Start, c.Length, c.Value),
        VariableExpr v => new SlotNode(v.Start, v.Length, v.Slot),
        FieldExpr f => new FieldNode(f.Start, f.Length, Plan(f.Target), f.Field.Getter),
        CallExpr call => PlanCall(call),
        ListExpr list => new ListNode(list.Start, list.Length, [.. list.Items.Select(Plan)]),
        AndExpr and => new AndNode(and.Start, and.Length, [.. and.Operands.Select(Plan)]),
        OrExpr or => new OrNode(or.Start, or.Length, [.. or.Operands.Select(Plan)]),
        NotExpr not => new NotNode(not.Start, not.Length, Plan(not.Operand)),
        HasExpr has => new HasNode(has.Start, has.Length, Plan(has.Operand)),
        DefaultExpr d => new DefaultNode(d.Start, d.Length, Plan(d.Value), Plan(d.Fallback)),
        HoistedExpr h => new SlotNode(h.Start, h.Length, h.Slot),
        DefinitionExpr d => new DefinitionNode(d.Start, d.Length, d.CacheIndex, Plan(d.Body)),
        InlineCallExpr c => new InlineCallNode(c.Start, c.Length, [.. c.Slots], [.. c.Arguments.Select(Plan)], Plan(c.Body)),
        _ => throw new InvalidOperationException($"A {node.GetType().Name} cannot be planned on its own."),
    };

    private static PlanNode PlanCall(CallExpr call)
    {
        var overload = call.Overload;
        var valueCount = overload.TakesLambda ? call.Arguments.Length - 1 : call.Arguments.Length;
        var arguments = new PlanNode[valueCount];
        var propagate = new bool[valueCount];
        for (var i = 0; i < valueCount; i++)
        {
            arguments[i] = Plan(call.Arguments[i]);
            propagate[i] = overload.Parameters[i].Missing == MissingValues.Propagate && call.Arguments[i].Type.IsOptional;
        }

        LambdaPlan? lambda = null;
        if (overload.TakesLambda)
        {
            var l = (LambdaExpr)call.Arguments[^1];
            lambda = new LambdaPlan(l.Slot, Plan(l.Body), [.. l.Hoisted.Select(h => new HoistedValue(h.Slot, Plan(h.Original)))]);
        }

        return overload.Implementation.Plan(new PlanRequest(call.Start, call.Length, arguments, lambda, call.State, propagate));
    }
}
