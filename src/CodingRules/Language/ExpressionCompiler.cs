using System.Collections.Immutable;
using CodingRules.Language.Checking;
using CodingRules.Language.Functions;
using CodingRules.Language.Passes;
using CodingRules.Language.Planning;
using CodingRules.Language.Syntax;

namespace CodingRules.Language;

/// <summary>
/// Compiles expressions in stages: parse (syntax errors, CR2xxx) → check (names and types, CR3xxx) → passes over the
/// checked tree (constant folding, hoisting of loop invariants, cost estimate, canonical form) → plan. Stateless and
/// thread-safe. Errors are located by offset inside the expression text; the caller maps them to file positions.
/// </summary>
public static class ExpressionCompiler
{
    /// <summary>Longest expression accepted, in characters.</summary>
    public const int MaxLength = Parser.MaxLength;

    /// <summary>
    /// The most steps an expression may take by itself: its cost with every list and text of the encounter taken to
    /// have <see cref="CostEstimator.NominalSize"/> items (CR3018 beyond). What an encounter's size adds is bounded at
    /// run time by <see cref="Plan.EvaluationFrame.StepBudget"/>.
    /// </summary>
    public const double MaxNominalCost = 1_000_000;

    /// <summary>
    /// The most the conditions of one rule set may cost together, nominally (CR4038 beyond): a tenth of the
    /// run-time step budget, so that a rule set within it stays far inside the budget on a typical encounter.
    /// </summary>
    public const double MaxRuleSetNominalCost = 1_000_000;

    /// <summary>The function names and signatures of the language (for documentation and completion).</summary>
    public static IReadOnlyDictionary<string, string> Functions { get; } =
        FunctionLibrary.All.ToDictionary(d => d.Name, d => string.Join("; ", d.Signatures), StringComparer.Ordinal);

    /// <summary>
    /// Compiles <paramref name="text"/>. When <paramref name="expected"/> is given and the expression has another
    /// type, that is an error (CR3006 for conditions, CR3015 otherwise).
    /// </summary>
    public static (CompiledExpression? Expression, ImmutableArray<ExpressionError> Errors) Compile(
        string text, ExpressionEnvironment environment, ExprType? expected = null) =>
        Compile(text, environment, expected, CompileOptions.Default);

    /// <summary>Compiles a message placeholder: any value that can be shown as text (CR3012 otherwise).</summary>
    internal static (CompiledExpression? Expression, ImmutableArray<ExpressionError> Errors) CompilePlaceholder(
        string text, ExpressionEnvironment environment, CompileOptions options) =>
        Compile(text, environment, Expectation.Formattable, options);

    /// <summary>Compiles with the optimising passes chosen by <paramref name="options"/> (tests compare both ways).</summary>
    internal static (CompiledExpression? Expression, ImmutableArray<ExpressionError> Errors) Compile(
        string text, ExpressionEnvironment environment, ExprType? expected, CompileOptions options) =>
        Compile(text, environment, expected is null ? Expectation.Any : Expectation.Exactly(expected), options);

    private static (CompiledExpression? Expression, ImmutableArray<ExpressionError> Errors) Compile(
        string text, ExpressionEnvironment environment, Expectation expectation, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<ExpressionError>();
        var syntax = Parser.Parse(text, errors);
        if (errors.Count > 0)
        {
            return (null, [.. errors]);
        }

        var (tree, nextSlot) = Checker.Check(text, syntax, environment, expectation, errors);
        if (tree is null || errors.Count > 0)
        {
            return (null, [.. errors]);
        }

        // Note: the limit is checked before folding, which evaluates what is constant: folding a costly constant
        // (a text doubled many times) would spend at load what the limit refuses.
        var nominal = CostEstimator.EstimateNominal(tree).Cost;
        if (CostEstimator.CheckLimit(nominal, text.Length, MaxNominalCost) is { } tooCostly)
        {
            return (null, [tooCostly]);
        }

        var allFolded = ConstantFolding.Fold(tree);
        var folded = options.FoldConstants ? allFolded : tree;
        var (planned, slots) = options.HoistInvariants ? Hoisting.Hoist(folded, nextSlot) : (folded, nextSlot);
        var expression = new CompiledExpression(
            text, tree.Type, Planner.Plan(planned), slots, folded, CanonicalForm.Of(allFolded), CostEstimator.Estimate(folded), nominal)
        {
            DefinitionsRead = DefinitionsIn(tree),
        };
        return (expression, []);
    }

    /// <summary>The definitions a checked tree names, before folding (a definition that folds to a constant is still read).</summary>
    private static System.Collections.Immutable.ImmutableArray<string> DefinitionsIn(CheckedNode tree)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<CheckedNode>([tree]);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is DefinitionExpr { Name: var value })
            {
                names.Add(value);
            }
            else if (node is InlineCallExpr { Name: var function })
            {
                names.Add(function);
            }

            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }
}

/// <summary>Which optimising passes run; both by default. Turning them off never changes a result, only speed.</summary>
internal sealed record CompileOptions(bool FoldConstants, bool HoistInvariants)
{
    public static CompileOptions Default { get; } = new(true, true);
}
