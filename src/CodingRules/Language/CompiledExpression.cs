using CodingRules.Language.Plan;

namespace CodingRules.Language;

/// <summary>
/// An expression that parsed and type-checked, with its evaluation plan. Immutable and thread-safe; evaluation
/// state lives in the <see cref="EvaluationFrame"/> the caller passes (one per thread).
/// </summary>
public sealed class CompiledExpression
{
    internal CompiledExpression(string text, ExprType type, PlanNode root, int slotCount, int hostSlotCount)
    {
        Text = text;
        Type = type;
        Root = root;
        SlotCount = slotCount;
        _hostSlotCount = hostSlotCount;
    }

    private readonly int _hostSlotCount;

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
        Visit(Root, false);
        return facts;

        void Visit(PlanNode node, bool inPredicate)
        {
            // Inside a predicate only what does not read the parameter has one value (e.g. the window's start in
            // h.date >= encounter.dateOfService - months(12)).
            if (inPredicate && ReadsParameter(node))
            {
                foreach (var child in node.Children)
                {
                    Visit(child, inPredicate);
                }

                return;
            }

            if (node is FieldNode or ListFunctionNode or ScalarFunctionNode or PeriodArithmeticNode)
            {
                var text = Text.Substring(node.Start, Math.Min(node.Length, Text.Length - node.Start));
                if (seen.Add(text))
                {
                    facts.Add((text, node.Evaluate(frame)));
                }
            }

            if (node is FieldNode)
            {
                return; // a field's target is shown by the field itself
            }

            var children = node.Children;
            for (var i = 0; i < children.Count; i++)
            {
                // A predicate function's list (its first child) is evaluated outside the predicate.
                Visit(children[i], inPredicate || (node.IsPredicateScope && i > 0));
            }
        }

        bool ReadsParameter(PlanNode node) =>
            (node is SlotNode slot && slot.Slot >= _hostSlotCount) || node.Children.Any(ReadsParameter);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
