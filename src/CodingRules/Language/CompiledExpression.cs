using CodingRules.Language.Checking;
using CodingRules.Language.Functions;
using CodingRules.Language.Plan;
using CodingRules.Language.Planning;

namespace CodingRules.Language;

/// <summary>
/// An expression that parsed and type-checked, with its checked tree and its evaluation plan. Immutable and
/// thread-safe; evaluation state lives in the <see cref="EvaluationFrame"/> the caller passes (one per thread).
/// </summary>
public sealed class CompiledExpression
{
    private readonly CheckedNode _checked;

    internal CompiledExpression(string text, ExprType type, PlanNode root, int slotCount, CheckedNode checkedTree, string canonicalForm, CostEstimate cost, double nominalCost)
    {
        Text = text;
        Type = type;
        Root = root;
        SlotCount = slotCount;
        _checked = checkedTree;
        CanonicalForm = canonicalForm;
        EstimatedCost = cost.Cost;
        NominalCost = nominalCost;
    }

    /// <summary>The source text of the expression.</summary>
    public string Text { get; }

    /// <summary>The static type of the result.</summary>
    public ExprType Type { get; }

    /// <summary>Number of frame slots evaluation needs (host variables, predicate parameters, hoisted values).</summary>
    public int SlotCount { get; }

    /// <summary>
    /// The expression's canonical form: two expressions with one canonical form give the same value on every input
    /// (the rewrites that keep it are listed in docs/authoring.md); <c>diff</c> compares conditions by it.
    /// </summary>
    public string CanonicalForm { get; }

    /// <summary>A static upper bound on the steps one evaluation takes, from the input limits (see docs/security.md).</summary>
    public double EstimatedCost { get; }

    /// <summary>
    /// The cost with every list and text of the encounter taken as 10 items: what the expression costs by itself
    /// (at most <see cref="ExpressionCompiler.MaxNominalCost"/>; a rule set's expressions together at most
    /// <see cref="ExpressionCompiler.MaxRuleSetNominalCost"/>).
    /// </summary>
    public double NominalCost { get; }

    internal PlanNode Root { get; }

    /// <summary>The named definitions the expression reads, directly or through another, even those folded to a constant.</summary>
    internal System.Collections.Immutable.ImmutableArray<string> DefinitionsRead { get; init; } = [];

    /// <summary>The checked tree (constants folded, nothing hoisted), for explanations and tests.</summary>
    internal CheckedNode Checked => _checked;

    /// <summary>True when the whole expression was folded to a constant at load.</summary>
    public bool IsConstant => Root is ConstantNode;

    /// <summary>Evaluates the expression.</summary>
    public Value Evaluate(EvaluationFrame frame) => Root.Evaluate(frame);

    /// <summary>Evaluates a condition.</summary>
    public bool IsTrue(EvaluationFrame frame) => Root.EvaluateBoolean(frame);

    /// <summary>
    /// For explanations: the value of every field read and function call in the expression (inside a predicate only
    /// those that do not read its parameter, which has no single value), in the order they appear. Slower than
    /// <see cref="Evaluate"/>: each value is planned and evaluated on its own.
    /// </summary>
    public IReadOnlyList<(string Expression, Value Value)> Explain(EvaluationFrame frame)
    {
        var facts = new List<(string, Value)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Visit(_checked, false);
        return facts;

        void Visit(CheckedNode node, bool inPredicate)
        {
            if (inPredicate && ReadsParameter(node))
            {
                foreach (var child in node.Children)
                {
                    Visit(child, inPredicate);
                }

                return;
            }

            if (node is FieldExpr or DefinitionExpr or InlineCallExpr
                || (node is CallExpr call && (call.Function.Kind == FunctionKind.Function || call.Arguments.Any(a => a.Type.Kind == TypeKind.Period))))
            {
                var text = Text.Substring(node.Start, Math.Min(node.Length, Text.Length - node.Start));
                if (seen.Add(text))
                {
                    facts.Add((text, Planner.Plan(node).Evaluate(frame)));
                }
            }

            if (node is FieldExpr or DefinitionExpr)
            {
                return; // a field's target is shown by the field itself; a definition's body is written elsewhere
            }

            // A function definition's body is written elsewhere: only its arguments are this expression's text.
            foreach (var child in node is InlineCallExpr inline ? inline.Arguments : node.Children)
            {
                // A predicate's body is evaluated once per element; its list is evaluated outside it.
                Visit(child, inPredicate || child is LambdaExpr);
            }
        }

        static bool ReadsParameter(CheckedNode node) =>
            node is VariableExpr { IsParameter: true } || node.Children.Any(ReadsParameter);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
