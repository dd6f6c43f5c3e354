using System.Collections.Immutable;
using CodingRules.Language.Functions;

namespace CodingRules.Language.Checking;

// Note: the checked tree is one closed family of small records, kept together like the syntax tree it mirrors.

/// <summary>
/// A node of the checked (typed) expression tree: every name resolved, every call bound to one overload of a declared
/// function, every node typed. Spans point into the expression text. Passes (constant folding, hoisting, cost, the
/// canonical form used by diffs) and the planner read this tree; nothing reads the syntax tree after checking.
/// </summary>
internal abstract record CheckedNode(int Start, int Length, ExprType Type)
{
    /// <summary>The direct children, in evaluation order.</summary>
    public abstract ImmutableArray<CheckedNode> Children { get; }

    /// <summary>The same node over other children (as many, in the same order): how passes rebuild the tree.</summary>
    public abstract CheckedNode WithChildren(ImmutableArray<CheckedNode> children);
}

/// <summary>A value known when the rules load: a literal, or a sub-expression folded by the folding pass.</summary>
internal sealed record ConstantExpr(int Start, int Length, ExprType Type, Value Value) : CheckedNode(Start, Length, Type)
{
    public override ImmutableArray<CheckedNode> Children => [];

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this;
}

/// <summary>A host variable (<c>encounter</c>, <c>procedure</c> ...) or a predicate's parameter, read from its frame slot.</summary>
internal sealed record VariableExpr(int Start, int Length, ExprType Type, string Name, int Slot, bool IsParameter)
    : CheckedNode(Start, Length, Type)
{
    public override ImmutableArray<CheckedNode> Children => [];

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this;
}

/// <summary>Field access <c>target.field</c>; missing when the target is.</summary>
internal sealed record FieldExpr(int Start, int Length, ExprType Type, CheckedNode Target, FieldDefinition Field)
    : CheckedNode(Start, Length, Type)
{
    public override ImmutableArray<CheckedNode> Children => [Target];

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Target = children[0] };
}

/// <summary>
/// A call of a declared function or operator, bound to one overload. <see cref="State"/> is what the overload decided
/// at load from constant arguments (a parsed date, a resolved table).
/// </summary>
internal sealed record CallExpr(
    int Start, int Length, ExprType Type, FunctionDeclaration Function, Overload Overload, ImmutableArray<CheckedNode> Arguments, object? State)
    : CheckedNode(Start, Length, Type)
{
    public override ImmutableArray<CheckedNode> Children => Arguments;

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Arguments = children };
}

/// <summary>
/// A predicate or mapping <c>x =&gt; body</c>, only ever an argument of a <see cref="CallExpr"/>. <see cref="Hoisted"/>
/// are the loop invariants the hoisting pass moved here: computed once before the loop over the list.
/// </summary>
internal sealed record LambdaExpr(int Start, int Length, ExprType Type, string Parameter, int Slot, ExprType ParameterType, CheckedNode Body)
    : CheckedNode(Start, Length, Type)
{
    public ImmutableArray<HoistedExpr> Hoisted { get; init; } = [];

    public override ImmutableArray<CheckedNode> Children => [Body];

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Body = children[0] };
}

/// <summary>A list literal.</summary>
internal sealed record ListExpr(int Start, int Length, ExprType Type, ImmutableArray<CheckedNode> Items) : CheckedNode(Start, Length, Type)
{
    public override ImmutableArray<CheckedNode> Children => Items;

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Items = children };
}

/// <summary><c>a and b and ...</c>: true when every operand is, evaluated left to right until one is false.</summary>
internal sealed record AndExpr(int Start, int Length, ImmutableArray<CheckedNode> Operands) : CheckedNode(Start, Length, ExprType.Boolean)
{
    public override ImmutableArray<CheckedNode> Children => Operands;

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Operands = children };
}

/// <summary><c>a or b or ...</c>: true when some operand is, evaluated left to right until one is true.</summary>
internal sealed record OrExpr(int Start, int Length, ImmutableArray<CheckedNode> Operands) : CheckedNode(Start, Length, ExprType.Boolean)
{
    public override ImmutableArray<CheckedNode> Children => Operands;

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Operands = children };
}

/// <summary><c>not a</c>.</summary>
internal sealed record NotExpr(int Start, int Length, CheckedNode Operand) : CheckedNode(Start, Length, ExprType.Boolean)
{
    public override ImmutableArray<CheckedNode> Children => [Operand];

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Operand = children[0] };
}

/// <summary><c>has(x)</c>: true when the value of <c>x</c> is present.</summary>
internal sealed record HasExpr(int Start, int Length, CheckedNode Operand) : CheckedNode(Start, Length, ExprType.Boolean)
{
    public override ImmutableArray<CheckedNode> Children => [Operand];

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Operand = children[0] };
}

/// <summary><c>x ?? fallback</c>: the value of <c>x</c>, or <c>fallback</c> when it is missing.</summary>
internal sealed record DefaultExpr(int Start, int Length, ExprType Type, CheckedNode Value, CheckedNode Fallback)
    : CheckedNode(Start, Length, Type)
{
    public override ImmutableArray<CheckedNode> Children => [Value, Fallback];

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Value = children[0], Fallback = children[1] };
}

/// <summary>
/// A loop-invariant sub-expression moved out of a predicate by the hoisting pass: computed once, before the loop of
/// the predicate that owns slot <see cref="Slot"/>, and read from that slot inside it.
/// </summary>
internal sealed record HoistedExpr(int Start, int Length, ExprType Type, int Slot, CheckedNode Original) : CheckedNode(Start, Length, Type)
{
    public override ImmutableArray<CheckedNode> Children => [Original];

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Original = children[0] };
}

/// <summary>
/// A reference to a named value definition: its body (checked in the scope of the use), computed at most once per
/// evaluation scope and kept in the frame's cache entry <see cref="CacheIndex"/>.
/// </summary>
internal sealed record DefinitionExpr(int Start, int Length, ExprType Type, string Name, int CacheIndex, CheckedNode Body)
    : CheckedNode(Start, Length, Type)
{
    public override ImmutableArray<CheckedNode> Children => [Body];

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) => this with { Body = children[0] };
}

/// <summary>
/// A call of a named function definition: the arguments are evaluated into the parameters' slots
/// (<see cref="Slots"/>), then the body (checked for these argument types) is evaluated.
/// </summary>
internal sealed record InlineCallExpr(int Start, int Length, ExprType Type, string Name, ImmutableArray<CheckedNode> Arguments, ImmutableArray<int> Slots, CheckedNode Body)
    : CheckedNode(Start, Length, Type)
{
    public override ImmutableArray<CheckedNode> Children => [.. Arguments, Body];

    public override CheckedNode WithChildren(ImmutableArray<CheckedNode> children) =>
        this with { Arguments = children[..^1], Body = children[^1] };
}
