using CodingRules.Language.Plan;

namespace CodingRules.Language;

/// <summary>
/// An expression that parsed and type-checked, with its evaluation plan. Immutable and thread-safe; evaluation
/// state lives in the <see cref="EvaluationFrame"/> the caller passes (one per thread).
/// </summary>
public sealed class CompiledExpression
{
    internal CompiledExpression(string text, ExprType type, PlanNode root, int slotCount)
    {
        Text = text;
        Type = type;
        Root = root;
        SlotCount = slotCount;
    }

    /// <summary>The source text of the expression.</summary>
    public string Text { get; }

    /// <summary>The static type of the result.</summary>
    public ExprType Type { get; }

    /// <summary>Number of frame slots evaluation needs (host variables plus predicate parameters).</summary>
    public int SlotCount { get; }

    internal PlanNode Root { get; }

    /// <summary>True when the whole expression was folded to a constant at load.</summary>
    public bool IsConstant => Root is ConstantNode;

    /// <summary>Evaluates the expression.</summary>
    public Value Evaluate(EvaluationFrame frame) => Root.Evaluate(frame);

    /// <summary>Evaluates a condition; a null result counts as false.</summary>
    public bool IsTrue(EvaluationFrame frame) => Root.EvaluateBoolean(frame);

    /// <summary>
    /// For explanations: the value of every field read and function call in the expression (outside predicate
    /// bodies, whose parameter has no single value), in the order they appear. Slower than <see cref="Evaluate"/>.
    /// </summary>
    public IReadOnlyList<(string Expression, Value Value)> Explain(EvaluationFrame frame)
    {
        var facts = new List<(string, Value)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Visit(Root);
        return facts;

        void Visit(PlanNode node)
        {
            if (node is FieldNode or ListFunctionNode or ScalarFunctionNode)
            {
                var text = Text.Substring(node.Start, Math.Min(node.Length, Text.Length - node.Start));
                if (seen.Add(text))
                {
                    facts.Add((text, node.Evaluate(frame)));
                }
            }

            if (node.IsPredicateScope || node is FieldNode)
            {
                return; // the body reads a parameter; a field's target is shown by the field itself
            }

            foreach (var child in node.Children)
            {
                Visit(child);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
