using System.Collections.Immutable;

namespace CodingRules.Language.Functions;

/// <summary>
/// A static estimate for one expression: the most evaluation steps it can take (<see cref="Cost"/>) and, for a list
/// or a text, the most items or characters its value can hold (<see cref="Size"/>). Both are upper bounds derived from
/// the input limits and the lengths of constant lists; they saturate at <see cref="Limit"/> instead of overflowing.
/// </summary>
internal readonly record struct CostEstimate(double Cost, double Size)
{
    /// <summary>Where estimates stop growing.</summary>
    public const double Limit = 1e18;

    public static CostEstimate Scalar(double cost) => new(Math.Min(cost, Limit), 1);

    public CostEstimate Capped() => new(Math.Min(Cost, Limit), Math.Min(Size, Limit));
}

/// <summary>The estimates an overload's cost function is given: its arguments' and, for a predicate, its body's.</summary>
internal sealed record CostArguments(ImmutableArray<CostEstimate> Arguments, CostEstimate? Body)
{
    public double ArgumentCost => Arguments.Sum(a => a.Cost);
}

/// <summary>Computes an overload's estimate from its arguments' estimates.</summary>
internal delegate CostEstimate CostFunction(CostArguments arguments);

/// <summary>Cost functions shared by several overloads.</summary>
internal static class Costs
{
    /// <summary>One step plus the arguments; the result is a scalar.</summary>
    public static CostEstimate Step(CostArguments a) => CostEstimate.Scalar(1 + a.ArgumentCost);

    /// <summary>One step per element of the first argument (a list), plus the arguments; the result is a scalar.</summary>
    public static CostEstimate PerElement(CostArguments a) => CostEstimate.Scalar(1 + a.ArgumentCost + a.Arguments[0].Size);

    /// <summary>As <see cref="PerElement"/>, and the result is a list as long as the first argument.</summary>
    public static CostEstimate PerElementToList(CostArguments a) =>
        new CostEstimate(1 + a.ArgumentCost + a.Arguments[0].Size, a.Arguments[0].Size).Capped();

    /// <summary>The body once per element of the list, plus the list; the result is a scalar.</summary>
    public static CostEstimate Loop(CostArguments a) =>
        CostEstimate.Scalar(1 + a.ArgumentCost + (a.Arguments[0].Size * (1 + (a.Body?.Cost ?? 0))));

    /// <summary>As <see cref="Loop"/>, and the result is a list as long as the list.</summary>
    public static CostEstimate LoopToList(CostArguments a) =>
        new CostEstimate(1 + a.ArgumentCost + (a.Arguments[0].Size * (1 + (a.Body?.Cost ?? 0))), a.Arguments[0].Size).Capped();

    /// <summary>Text joined: one step per character of the result, which is as long as both.</summary>
    public static CostEstimate Concat(CostArguments a)
    {
        var size = a.Arguments.Sum(x => x.Size);
        return new CostEstimate(1 + a.ArgumentCost + size, size).Capped();
    }
}
