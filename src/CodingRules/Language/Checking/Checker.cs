using System.Collections.Immutable;
using CodingRules.Diagnostics;
using CodingRules.Language.Functions;
using CodingRules.Language.Syntax;

namespace CodingRules.Language.Checking;

/// <summary>
/// Turns a syntax tree into a checked tree: resolves names and fields, types every node, binds every call to one
/// overload of a declared function (<see cref="FunctionLibrary"/>), and tracks which possibly missing values a guard
/// has proved present. Reports name and type errors only (CR3xxx). Errors do not cascade: a node that failed checks
/// as nothing and its parents stay quiet. Recursion is bounded by the syntax tree's height (<see cref="Parser.MaxDepth"/>).
/// </summary>
internal sealed partial class Checker
{
    private static readonly ImmutableHashSet<string> None = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    private readonly string _text;
    private readonly List<ExpressionError> _errors;
    private readonly ImmutableStack<string> _definitionsBeingChecked;
    private readonly Size _size;
    private int _nextSlot;

    private Checker(string text, List<ExpressionError> errors, int firstFreeSlot, ImmutableStack<string> definitionsBeingChecked, Size size)
    {
        _text = text;
        _errors = errors;
        _nextSlot = firstFreeSlot;
        _definitionsBeingChecked = definitionsBeingChecked;
        _size = size;
    }

    /// <summary>
    /// The most nodes the checked tree of one expression may have, its definitions written out where they are used
    /// (CR3019 beyond): every pass after checking is linear in this size, whatever the definitions' nesting (ten
    /// definitions each using the one before twice would otherwise be a tree of 2^10 copies).
    /// </summary>
    public const int MaxCheckedNodes = 100_000;

    /// <summary>
    /// How deep definitions may use definitions (CR3020 beyond): with each text at most <see cref="Parser.MaxDepth"/>
    /// deep, the checked tree, and so every pass and every evaluation over it, recurses at most 8 x 64 levels.
    /// </summary>
    public const int MaxDefinitionNesting = 8;

    /// <summary>
    /// Checks <paramref name="syntax"/> and that its type meets <paramref name="expectation"/>; returns null when it has
    /// errors (they are in <paramref name="errors"/>).
    /// </summary>
    public static (CheckedNode? Node, int NextSlot) Check(
        string text, SyntaxNode syntax, ExpressionEnvironment environment, Expectation expectation, List<ExpressionError> errors)
    {
        var size = new Size();
        var checker = new Checker(text, errors, environment.SlotCount, ImmutableStack<string>.Empty, size);
        var node = checker.CheckNode(syntax, Scope.Of(environment))?.Node;
        if (size.Exceeded)
        {
            errors.Add(ExpressionError.At(DiagnosticDescriptors.CR3019_TooLarge, syntax.Start, syntax.Length, MaxCheckedNodes.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)));
            return (null, checker._nextSlot);
        }

        if (node is not null && expectation.Refuses(node.Type) is { } error)
        {
            errors.Add(error(syntax.Start, syntax.Length));
            return (null, checker._nextSlot);
        }

        return (node, checker._nextSlot);
    }

    /// <summary>A checked node and what it proves present when it is true and when it is false.</summary>
    private sealed record Checked(CheckedNode Node, ImmutableHashSet<string> WhenTrue, ImmutableHashSet<string> WhenFalse)
    {
        public static Checked Plain(CheckedNode node) => new(node, None, None);
    }

    /// <summary>The nodes checked so far for one expression, shared with the checkers of its definitions.</summary>
    private sealed class Size
    {
        public int Nodes { get; set; }

        public bool Exceeded => Nodes > MaxCheckedNodes;
    }

    private Checked? CheckNode(SyntaxNode syntax, Scope scope)
    {
        // Note: once over the limit every node checks as nothing, so the parents stay quiet and the work stops.
        if (++_size.Nodes > MaxCheckedNodes)
        {
            return null;
        }

        var result = syntax switch
        {
            LiteralSyntax literal => Checked.Plain(CheckLiteral(literal)),
            NameSyntax name => CheckName(name, scope),
            MemberSyntax member => CheckMember(member, scope),
            UnarySyntax unary => CheckUnary(unary, scope),
            BinarySyntax binary => CheckBinary(binary, scope),
            LogicalSyntax logical => CheckLogical(logical, scope),
            ListSyntax list => CheckList(list, scope),
            CallSyntax call => CheckCall(call, scope),
            LambdaSyntax lambda => Error(DiagnosticDescriptors.CR3016_LambdaOutsideCall, lambda),
            _ => null,
        };
        return result is null ? null : Narrow(result, scope);
    }

    /// <summary>A possibly missing value that a guard around it proved present is typed as present.</summary>
    private static Checked Narrow(Checked result, Scope scope)
    {
        var node = result.Node;
        if (!node.Type.IsOptional || node.Type.Kind == TypeKind.Null || scope.Present.IsEmpty || !scope.Present.Contains(CheckedKey.Of(node)))
        {
            return result;
        }

        return result with { Node = node with { Type = node.Type.AsPresent() } };
    }

    private static ConstantExpr CheckLiteral(LiteralSyntax literal)
    {
        var type = literal.Value.Kind switch
        {
            TypeKind.Number => ExprType.Number,
            TypeKind.String => ExprType.String,
            TypeKind.Boolean => ExprType.Boolean,
            _ => ExprType.Null,
        };
        return new ConstantExpr(literal.Start, literal.Length, type, literal.Value);
    }

    private Checked? CheckName(NameSyntax name, Scope scope)
    {
        if (scope.TryGet(name.Name, out var type, out var slot, out var isParameter))
        {
            return Checked.Plain(new VariableExpr(name.Start, name.Length, type, name.Name, slot, isParameter));
        }

        if (scope.Environment.Definitions.TryGetValue(name.Name, out var definition) && definition.Parameters.IsEmpty)
        {
            return CheckDefinition(definition, name, [], scope);
        }

        if (scope.Environment.TryGetNamespace(name.Name, out _))
        {
            return Error(DiagnosticDescriptors.CR3002_UnknownField, name, name.Name, "(a field is needed here)", string.Empty, string.Join(", ", FieldsOf(scope, name.Name)));
        }

        return Error(DiagnosticDescriptors.CR3001_UnknownName, name, name.Name, Suggestion.DidYouMean(name.Name, scope.Names), string.Join(", ", scope.Names));
    }

    private static IEnumerable<string> FieldsOf(Scope scope, string ns) =>
        scope.Environment.TryGetNamespace(ns, out var fields) ? fields.Keys.Order(StringComparer.Ordinal) : [];

    private Checked? CheckMember(MemberSyntax member, Scope scope)
    {
        // A field of a namespace of constants (params.name, ruleSet.id) is a constant, known at load.
        if (member.Target is NameSyntax name && !scope.TryGet(name.Name, out _, out _, out _) && scope.Environment.TryGetNamespace(name.Name, out var constants))
        {
            if (!constants.TryGetValue(member.Member, out var constant))
            {
                var names = constants.Keys.Order(StringComparer.Ordinal).ToList();
                _errors.Add(ExpressionError.At(
                    DiagnosticDescriptors.CR3002_UnknownField, member.MemberStart, member.MemberLength,
                    name.Name, member.Member, Suggestion.DidYouMean(member.Member, names), names.Count == 0 ? "none" : string.Join(", ", names)));
                return null;
            }

            return Checked.Plain(new ConstantExpr(member.Start, member.Length, constant.Type, constant.Value));
        }

        var target = CheckNode(member.Target, scope);
        if (target is null)
        {
            return null;
        }

        var targetType = target.Node.Type;
        if (targetType.Kind != TypeKind.Object || !targetType.Schema!.TryGetField(member.Member, out var field))
        {
            var names = targetType.Schema is { } s ? s.Fields.Keys.Order(StringComparer.Ordinal).ToList() : [];
            _errors.Add(ExpressionError.At(
                DiagnosticDescriptors.CR3002_UnknownField, member.MemberStart, member.MemberLength,
                targetType.Name, member.Member, Suggestion.DidYouMean(member.Member, names), names.Count == 0 ? "none" : string.Join(", ", names)));
            return null;
        }

        var type = targetType.IsOptional ? field.Type.AsOptional() : field.Type;
        return Checked.Plain(new FieldExpr(member.Start, member.Length, type, target.Node, field));
    }

    private Checked? CheckUnary(UnarySyntax unary, Scope scope)
    {
        if (unary.Operator.Kind != TokenKind.Not)
        {
            return CheckOperator(FunctionLibrary.Operator("-"), unary, unary.Operator, [unary.Operand], scope);
        }

        var operand = CheckNode(unary.Operand, scope);
        if (operand is null)
        {
            return null;
        }

        if (!operand.Node.Type.Equals(ExprType.Boolean))
        {
            return Error(DiagnosticDescriptors.CR3009_UnaryType, unary, "not", operand.Node.Type.Name);
        }

        return new Checked(new NotExpr(unary.Start, unary.Length, operand.Node), operand.WhenFalse, operand.WhenTrue);
    }

    private Checked? CheckList(ListSyntax list, Scope scope)
    {
        var items = ImmutableArray.CreateBuilder<CheckedNode>();
        ExprType? element = null;
        var optional = false;
        var failed = false;
        foreach (var itemSyntax in list.Items)
        {
            var item = CheckNode(itemSyntax, scope);
            if (item is null)
            {
                failed = true;
                continue;
            }

            var type = item.Node.Type;
            if (type.Kind == TypeKind.Null)
            {
                optional = true;
            }
            else if (!type.IsScalar)
            {
                return Error(DiagnosticDescriptors.CR3010_MixedList, itemSyntax, "scalar values", type.Name);
            }
            else if (element is not null && !element.SameShape(type))
            {
                return Error(DiagnosticDescriptors.CR3010_MixedList, itemSyntax, element.Name, type.Name);
            }
            else
            {
                element ??= type.AsPresent();
                optional |= type.IsOptional;
            }

            items.Add(item.Node);
        }

        if (failed)
        {
            return null;
        }

        var elementType = element is null ? ExprType.Null : optional ? element.AsOptional() : element;
        return Checked.Plain(new ListExpr(list.Start, list.Length, ExprType.ListOf(elementType), items.ToImmutable()));
    }

    private Checked? Error(DiagnosticDescriptor descriptor, SyntaxNode at, params object?[] arguments)
    {
        _errors.Add(ExpressionError.At(descriptor, at.Start, at.Length, arguments));
        return null;
    }

    /// <summary>The source text of a node, shortened for messages.</summary>
    private string TextOf(SyntaxNode node)
    {
        var text = string.Join(' ', _text.Substring(node.Start, Math.Min(node.Length, _text.Length - node.Start)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private int AllocateSlot() => _nextSlot++;
}
