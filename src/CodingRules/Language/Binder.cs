using System.Globalization;
using CodingRules.Diagnostics;
using CodingRules.Language.Plan;

namespace CodingRules.Language;

/// <summary>
/// Checks names and types of a parsed expression against an <see cref="ExpressionEnvironment"/> and builds the
/// evaluation plan in the same pass. Constant sub-expressions are folded here, at load, never at evaluation.
/// Errors do not cascade: a node that failed binds as <c>null</c> and its parents stay quiet.
/// </summary>
// Note: checking and planning share one walk because every typing decision picks the plan node (e.g. '+' on
// numbers vs strings vs dates); a separate bound tree would repeat the same switch.
internal sealed partial class Binder
{
    private readonly string _text;
    private readonly List<ExpressionError> _errors;
    private int _nextSlot;
    private readonly List<LambdaScope> _lambdas = [];

    private Binder(string text, List<ExpressionError> errors, int firstFreeSlot)
    {
        _text = text;
        _errors = errors;
        _nextSlot = firstFreeSlot;
    }

    /// <summary>Highest slot count any evaluation of this expression needs.</summary>
    public int SlotCount { get; private set; }

    public static (Bound? Result, int SlotCount) Bind(string text, SyntaxNode syntax, ExpressionEnvironment environment, List<ExpressionError> errors)
    {
        var binder = new Binder(text, errors, environment.SlotCount);
        binder.SlotCount = environment.SlotCount;
        var result = binder.BindNode(syntax, environment);
        return (result, binder.SlotCount);
    }

    private Bound? BindNode(SyntaxNode syntax, ExpressionEnvironment env) => syntax switch
    {
        LiteralSyntax literal => BindLiteral(literal),
        NameSyntax name => BindName(name, env),
        MemberSyntax member => BindMember(member, env),
        UnarySyntax unary => BindUnary(unary, env),
        BinarySyntax binary => BindBinary(binary, env),
        ListSyntax list => BindList(list, env),
        CallSyntax call => BindCall(call, env),
        LambdaSyntax lambda => Error(DiagnosticDescriptors.CR2003_UnexpectedToken, lambda, "a value", "a predicate outside a function call"),
        _ => null,
    };

    private Bound? BindLiteral(LiteralSyntax literal)
    {
        var t = literal.Token;
        switch (t.Kind)
        {
            case TokenKind.Number:
                if (!double.TryParse(t.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    return Error(DiagnosticDescriptors.CR2005_InvalidNumber, literal, t.Text);
                }

                return Constant(literal, ExprType.Number, Value.FromNumber(number));
            case TokenKind.String:
                return Constant(literal, ExprType.String, Value.FromString(t.Text));
            case TokenKind.True:
                return Constant(literal, ExprType.Boolean, Value.True);
            case TokenKind.False:
                return Constant(literal, ExprType.Boolean, Value.False);
            default:
                return Constant(literal, ExprType.Null, Value.Null);
        }
    }

    private Bound? BindName(NameSyntax name, ExpressionEnvironment env)
    {
        if (!env.TryGet(name.Name, out var type, out var slot))
        {
            return Error(DiagnosticDescriptors.CR3001_UnknownName, name, name.Name, string.Join(", ", env.Names));
        }

        return new Bound(type, new SlotNode(name.Start, name.Length, slot));
    }

    private Bound? BindMember(MemberSyntax member, ExpressionEnvironment env)
    {
        var target = BindNode(member.Target, env);
        if (target is null)
        {
            return null;
        }

        if (target.Type.Kind != TypeKind.Object || !target.Type.Schema!.TryGetField(member.Member, out var field))
        {
            var fields = target.Type.Schema is { } s ? string.Join(", ", s.Fields.Keys.Order(StringComparer.Ordinal)) : "none";
            _errors.Add(ExpressionError.At(DiagnosticDescriptors.CR3002_UnknownField, member.MemberStart, member.MemberLength, target.Type.Name, member.Member, fields));
            return null;
        }

        return new Bound(field.Type, new FieldNode(member.Start, member.Length, target.Node, field.Getter));
    }

    private Bound? BindUnary(UnarySyntax unary, ExpressionEnvironment env)
    {
        var operand = BindNode(unary.Operand, env);
        if (operand is null)
        {
            return null;
        }

        if (unary.Operator.Kind == TokenKind.Not)
        {
            return operand.Type.Kind == TypeKind.Boolean
                ? Fold(new Bound(ExprType.Boolean, new NotNode(unary.Start, unary.Length, operand.Node)))
                : Error(DiagnosticDescriptors.CR3009_UnaryType, unary, "not", operand.Type.Name);
        }

        return operand.Type.Kind == TypeKind.Number
            ? Fold(new Bound(ExprType.Number, new NegateNode(unary.Start, unary.Length, operand.Node)))
            : Error(DiagnosticDescriptors.CR3009_UnaryType, unary, "-", operand.Type.Name);
    }

    private Bound? BindList(ListSyntax list, ExpressionEnvironment env)
    {
        var items = new List<Bound>();
        var failed = false;
        foreach (var itemSyntax in list.Items)
        {
            var item = BindNode(itemSyntax, env);
            if (item is null)
            {
                failed = true;
                continue;
            }

            if (!item.Type.IsScalar)
            {
                return Error(DiagnosticDescriptors.CR3010_MixedList, itemSyntax, "scalar values", item.Type.Name);
            }

            if (items.Count > 0 && !item.Type.Equals(items[0].Type))
            {
                return Error(DiagnosticDescriptors.CR3010_MixedList, itemSyntax, items[0].Type.Name, item.Type.Name);
            }

            items.Add(item);
        }

        if (failed)
        {
            return null;
        }

        var element = items.Count > 0 ? items[0].Type : ExprType.Null;
        return Fold(new Bound(ExprType.ListOf(element), new ListNode(list.Start, list.Length, [.. items.Select(i => i.Node)])));
    }

    private static Bound Constant(SyntaxNode syntax, ExprType type, Value value) =>
        new(type, new ConstantNode(syntax.Start, syntax.Length, value));

    /// <summary>Replaces a node whose inputs are all constants by its value, computed once here.</summary>
    private static Bound Fold(Bound bound)
    {
        if (bound.Node is ConstantNode || !AllConstant(bound.Node))
        {
            return bound;
        }

        var value = bound.Node.Evaluate(new EvaluationFrame(0));
        return bound with { Node = new ConstantNode(bound.Node.Start, bound.Node.Length, value) };
    }

    private static bool AllConstant(PlanNode node)
    {
        if (node.ReadsFrame || node.IsPredicateScope)
        {
            return false;
        }

        foreach (var child in node.Children)
        {
            if (child is not ConstantNode)
            {
                return false;
            }
        }

        return node.Children.Count > 0;
    }

    private Bound? Error(DiagnosticDescriptor descriptor, SyntaxNode at, params object?[] arguments)
    {
        _errors.Add(ExpressionError.At(descriptor, at.Start, at.Length, arguments));
        return null;
    }

    private int AllocateSlot()
    {
        var slot = _nextSlot++;
        SlotCount = Math.Max(SlotCount, _nextSlot);
        return slot;
    }

    /// <summary>
    /// Loop-invariant code motion: an expensive sub-expression (a collection function, a date function, date
    /// arithmetic) inside a predicate that reads none of that predicate's parameters is computed once before the
    /// predicate's loop instead of once per element. This keeps history checks linear in the history's length even
    /// when a rule compares each entry with, say, the latest date of the same history.
    /// </summary>
    private Bound Hoist(Bound bound)
    {
        if (_lambdas.Count == 0 || bound.Node is ConstantNode || bound.Node is not (ListFunctionNode or ScalarFunctionNode or PeriodArithmeticNode))
        {
            return bound;
        }

        var reads = HighestSlotRead(bound.Node);
        var target = _lambdas.Find(l => l.ParameterSlot > reads);
        if (target is null)
        {
            return bound;
        }

        var slot = AllocateSlot();
        var hoisted = new HoistedNode(bound.Node.Start, bound.Node.Length, slot, reads, bound.Node);
        target.Hoisted.Add(hoisted);
        return bound with { Node = hoisted };
    }

    /// <summary>
    /// The highest slot a node reads from outside itself: slots bound by predicates inside it (their parameters
    /// and everything allocated after them) do not count, so <c>max(map(history, x =&gt; x.date))</c> reads nothing
    /// of an enclosing predicate and can be hoisted out of it.
    /// </summary>
    private static int HighestSlotRead(PlanNode node, int boundFrom = int.MaxValue)
    {
        switch (node)
        {
            case HoistedNode h:
                return h.DependsOn < boundFrom ? h.DependsOn : -1;
            case SlotNode s:
                return s.Slot < boundFrom ? s.Slot : -1;
            case ListFunctionNode { IsPredicateScope: true } f:
                return Math.Max(HighestSlotRead(f.Children[0], boundFrom), HighestSlotRead(f.Children[1], Math.Min(boundFrom, f.ParameterSlot)));
            default:
                var highest = -1;
                foreach (var child in node.Children)
                {
                    highest = Math.Max(highest, HighestSlotRead(child, boundFrom));
                }

                return highest;
        }
    }

    /// <summary>A predicate being bound: its parameter's slot and the invariants hoisted before its loop.</summary>
    private sealed class LambdaScope(int parameterSlot)
    {
        public int ParameterSlot { get; } = parameterSlot;

        public List<HoistedNode> Hoisted { get; } = [];
    }
}
