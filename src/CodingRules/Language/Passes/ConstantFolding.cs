using System.Collections.Immutable;
using CodingRules.Language.Checking;
using CodingRules.Language.Plan;
using CodingRules.Language.Planning;

namespace CodingRules.Language.Passes;

/// <summary>
/// Replaces every sub-expression whose inputs are all constants by its value, computed once here, at load (a call
/// with a predicate is left as it is). Every function is pure and total, so folding never changes a result; a test
/// evaluates with and without this pass to keep it so.
/// </summary>
internal static class ConstantFolding
{
    public static CheckedNode Fold(CheckedNode node)
    {
        if (node.Children.IsEmpty)
        {
            return node;
        }

        var folded = node.WithChildren(FoldAll(node.Children));
        if (folded is DefinitionExpr or InlineCallExpr && folded.Children[^1] is ConstantExpr value)
        {
            return value with { Start = node.Start, Length = node.Length };
        }

        var foldable = folded is not (LambdaExpr or HoistedExpr or FieldExpr or DefinitionExpr or InlineCallExpr) && folded is not CallExpr { Overload.TakesLambda: true };
        return foldable && folded.Children.All(c => c is ConstantExpr) ? Evaluate(folded) : folded;
    }

    private static ImmutableArray<CheckedNode> FoldAll(ImmutableArray<CheckedNode> nodes) => [.. nodes.Select(Fold)];

    // Note: a frame of its own each time, so each fold has the whole step budget (the cost limit, checked before
    // folding, keeps what is folded far below it) and folds on several threads share nothing.
    private static ConstantExpr Evaluate(CheckedNode node) =>
        new(node.Start, node.Length, node.Type, Planner.Plan(node).Evaluate(new EvaluationFrame(0)));
}
