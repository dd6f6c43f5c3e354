using System.Collections.Immutable;
using CodingRules.Language.Checking;
using CodingRules.Language.Functions;

namespace CodingRules.Language.Passes;

/// <summary>
/// Loop-invariant code motion: a function call (or date arithmetic) inside a predicate that reads none of that
/// predicate's parameters is computed once before the predicate's loop instead of once per element, as far out as it
/// stays invariant. This keeps history checks linear in the history's length even when a rule compares each entry
/// with, say, the latest date of the same history. Pure functions make the move safe; a test evaluates with and
/// without this pass to keep it so.
/// </summary>
internal sealed class Hoisting
{
    private readonly List<LambdaScope> _lambdas = [];
    private int _nextSlot;

    private Hoisting(int firstFreeSlot) => _nextSlot = firstFreeSlot;

    /// <summary>The tree with invariants hoisted, and the first slot still free after the slots hoisting took.</summary>
    public static (CheckedNode Node, int NextSlot) Hoist(CheckedNode node, int firstFreeSlot)
    {
        var pass = new Hoisting(firstFreeSlot);
        var result = pass.Visit(node);
        return (result, pass._nextSlot);
    }

    private CheckedNode Visit(CheckedNode node)
    {
        var rewritten = node switch
        {
            CallExpr { Overload.TakesLambda: true } call => VisitLoop(call),
            _ when node.Children.IsEmpty => node,
            _ => node.WithChildren(VisitAll(node.Children)),
        };
        return _lambdas.Count > 0 && IsWorthHoisting(rewritten) ? Move(rewritten) : rewritten;
    }

    private CallExpr VisitLoop(CallExpr call)
    {
        var arguments = call.Arguments.ToBuilder();
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            arguments[i] = Visit(arguments[i]);
        }

        var lambda = (LambdaExpr)arguments[^1];
        var scope = new LambdaScope(lambda.Slot);
        _lambdas.Add(scope);
        var body = Visit(lambda.Body);
        _lambdas.RemoveAt(_lambdas.Count - 1);
        arguments[^1] = lambda with { Body = body, Hoisted = [.. scope.Hoisted] };
        return call with { Arguments = arguments.ToImmutable() };
    }

    private ImmutableArray<CheckedNode> VisitAll(ImmutableArray<CheckedNode> nodes) => [.. nodes.Select(Visit)];

    /// <summary>Function calls and date arithmetic: worth a slot. Field reads and comparisons are cheaper than the move.</summary>
    private static bool IsWorthHoisting(CheckedNode node) =>
        node is DefinitionExpr or InlineCallExpr
        || (node is CallExpr call && (call.Function.Kind == FunctionKind.Function || call.Arguments.Any(a => a.Type.Kind == TypeKind.Period)));

    private CheckedNode Move(CheckedNode node)
    {
        var reads = HighestParameterRead(node, int.MaxValue);
        var target = _lambdas.Find(l => l.ParameterSlot > reads);
        if (target is null)
        {
            return node;
        }

        var hoisted = new HoistedExpr(node.Start, node.Length, node.Type, _nextSlot++, node);
        target.Hoisted.Add(hoisted);
        return hoisted;
    }

    /// <summary>
    /// The highest predicate parameter a node reads from outside itself: parameters of predicates inside it (and
    /// every slot after them) do not count, so <c>max(map(history, x =&gt; x.date))</c> reads nothing of an enclosing
    /// predicate and can be hoisted out of it. -1 when it reads no parameter.
    /// </summary>
    private static int HighestParameterRead(CheckedNode node, int boundFrom)
    {
        switch (node)
        {
            case VariableExpr { IsParameter: true } v:
                return v.Slot < boundFrom ? v.Slot : -1;
            case HoistedExpr h:
                return HighestParameterRead(h.Original, boundFrom);
            case LambdaExpr l:
                return HighestParameterRead(l.Body, Math.Min(boundFrom, l.Slot));
            case InlineCallExpr c:
                // The parameters are bound inside the call (their slots and every slot after them).
                return Math.Max(
                    c.Arguments.Select(a => HighestParameterRead(a, boundFrom)).DefaultIfEmpty(-1).Max(),
                    HighestParameterRead(c.Body, c.Slots.IsEmpty ? boundFrom : Math.Min(boundFrom, c.Slots.Min())));
            default:
                var highest = -1;
                foreach (var child in node.Children)
                {
                    highest = Math.Max(highest, HighestParameterRead(child, boundFrom));
                }

                return highest;
        }
    }

    /// <summary>A predicate being visited: its parameter's slot and the invariants hoisted before its loop.</summary>
    private sealed class LambdaScope(int parameterSlot)
    {
        public int ParameterSlot { get; } = parameterSlot;

        public List<HoistedExpr> Hoisted { get; } = [];
    }
}
