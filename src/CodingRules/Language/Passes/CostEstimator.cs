using System.Collections.Immutable;
using CodingRules.Diagnostics;
using CodingRules.Language.Checking;
using CodingRules.Language.Functions;

namespace CodingRules.Language.Passes;

/// <summary>
/// A static upper bound on the steps one evaluation of an expression takes, as cel-go's checker estimates cost:
/// the size of every list comes from the input limits (<see cref="FieldDefinition.MaxItems"/>) or a constant list's
/// length, a predicate's body counts once per element of its list, and nesting multiplies. Each overload declares its
/// own cost (<see cref="Overload.Cost"/>).
/// </summary>
internal static class CostEstimator
{
    /// <summary>The size assumed for a list or text whose bound is not declared.</summary>
    public const double DefaultSize = 1_000;

    /// <summary>
    /// The size a nominal estimate gives every list and text read from the encounter (a typical record has a few
    /// procedures, joints and history entries): what the expression costs by itself, whatever the input's size.
    /// Constant lists and texts keep their own sizes.
    /// </summary>
    public const double NominalSize = 10;

    /// <summary>The worst case under the input limits of the encounter contract.</summary>
    public static CostEstimate Estimate(CheckedNode node) => new Estimator(nominal: false).Estimate(node, ImmutableDictionary<int, double>.Empty);

    /// <summary>The cost with every input list and text of <see cref="NominalSize"/>: the part no input can explain.</summary>
    public static CostEstimate EstimateNominal(CheckedNode node) => new Estimator(nominal: true).Estimate(node, ImmutableDictionary<int, double>.Empty);

    /// <summary>CR3018 over the whole expression when its nominal cost is above <paramref name="limit"/>; null otherwise.</summary>
    public static ExpressionError? CheckLimit(double nominal, int length, double limit) =>
        nominal <= limit ? null : ExpressionError.At(DiagnosticDescriptors.CR3018_TooCostly, 0, length, Steps(nominal), Steps(limit), NominalSize);

    /// <summary>A cost as a text of steps (with thousands separators, or "more than 10^18").</summary>
    public static string Steps(double cost) =>
        cost >= CostEstimate.Limit ? "more than 10^18" : cost.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Estimator(bool nominal)
    {
        /// <summary><paramref name="elementSizes"/>: the size of each predicate parameter in scope (for lists of lists).</summary>
        public CostEstimate Estimate(CheckedNode node, ImmutableDictionary<int, double> elementSizes)
        {
            switch (node)
            {
                case ConstantExpr c:
                    return new CostEstimate(1, c.Value.AsList?.Count ?? c.Value.AsString?.Length ?? 1);
                case VariableExpr v:
                    return new CostEstimate(1, elementSizes.TryGetValue(v.Slot, out var size) ? size : SizeOf(v.Type, null));
                case FieldExpr f:
                    {
                        var target = Estimate(f.Target, elementSizes);
                        return new CostEstimate(target.Cost + 1, SizeOf(f.Type, f.Field.MaxItems)).Capped();
                    }

                case CallExpr call:
                    {
                        var overload = call.Overload;
                        var count = overload.TakesLambda ? call.Arguments.Length - 1 : call.Arguments.Length;
                        var arguments = ImmutableArray.CreateBuilder<CostEstimate>(count);
                        for (var i = 0; i < count; i++)
                        {
                            arguments.Add(Estimate(call.Arguments[i], elementSizes));
                        }

                        CostEstimate? body = null;
                        if (overload.TakesLambda)
                        {
                            var lambda = (LambdaExpr)call.Arguments[^1];
                            var element = lambda.ParameterType.Kind == TypeKind.List ? (nominal ? NominalSize : DefaultSize) : 1;
                            body = Estimate(lambda.Body, elementSizes.SetItem(lambda.Slot, element));
                        }

                        return overload.Cost(new CostArguments(arguments.MoveToImmutable(), body)).Capped();
                    }

                case HoistedExpr h:
                    return Estimate(h.Original, elementSizes);
                default:
                    {
                        double cost = 1, largest = 1;
                        foreach (var child in node.Children)
                        {
                            var e = Estimate(child, elementSizes);
                            cost += e.Cost;
                            largest = Math.Max(largest, e.Size);
                        }

                        return new CostEstimate(cost, node is ListExpr list ? list.Items.Length : node.Type.Kind == TypeKind.String ? largest : 1).Capped();
                    }
            }
        }

        private double SizeOf(ExprType type, int? declared) =>
            type.Kind is not (TypeKind.List or TypeKind.String) ? 1 : nominal ? NominalSize : declared ?? DefaultSize;
    }
}
