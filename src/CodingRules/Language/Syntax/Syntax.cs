using System.Collections.Immutable;

namespace CodingRules.Language.Syntax;

// Note: the syntax tree is a closed family of tiny records; keeping them in one file reads better than ten
// files of five lines each (the one-type-per-file rule is about public types).

/// <summary>
/// A node of the expression syntax tree, located by offset and length in the expression text. <see cref="Depth"/> is
/// the height of the subtree (a leaf is 1); the parser refuses trees higher than <see cref="Parser.MaxDepth"/>, so
/// every later pass may recurse over the tree without exhausting the stack.
/// </summary>
internal abstract record SyntaxNode(int Start, int Length, int Depth)
{
    public int End => Start + Length;
}

/// <summary>A literal: number, string, true, false or null, with its value (numbers checked by the parser).</summary>
internal sealed record LiteralSyntax(Token Token, Value Value) : SyntaxNode(Token.Start, Token.Length, 1);

/// <summary>A bare name: a variable such as <c>procedure</c> or a predicate parameter.</summary>
internal sealed record NameSyntax(string Name, int NameStart, int NameLength) : SyntaxNode(NameStart, NameLength, 1);

/// <summary>Field access <c>target.member</c>.</summary>
internal sealed record MemberSyntax(SyntaxNode Target, string Member, int MemberStart, int MemberLength)
    : SyntaxNode(Target.Start, MemberStart + MemberLength - Target.Start, Target.Depth + 1);

/// <summary>A function call <c>name(arg, ...)</c>; also the form <c>has(x)</c>.</summary>
internal sealed record CallSyntax(string Name, int NameStart, ImmutableArray<SyntaxNode> Arguments, int CallEnd, int CallDepth)
    : SyntaxNode(NameStart, CallEnd - NameStart, CallDepth);

/// <summary>A predicate <c>x =&gt; body</c>, allowed only as a function argument.</summary>
internal sealed record LambdaSyntax(string Parameter, int ParameterStart, SyntaxNode Body)
    : SyntaxNode(ParameterStart, Body.End - ParameterStart, Body.Depth + 1);

/// <summary>A prefix operator: <c>not</c> or unary minus.</summary>
internal sealed record UnarySyntax(Token Operator, SyntaxNode Operand)
    : SyntaxNode(Operator.Start, Operand.End - Operator.Start, Operand.Depth + 1);

/// <summary>
/// A binary operator: comparison, membership (<see cref="Negated"/> marks <c>not in</c>), arithmetic or the default
/// operator <c>??</c>.
/// </summary>
internal sealed record BinarySyntax(Token Operator, SyntaxNode Left, SyntaxNode Right, bool Negated)
    : SyntaxNode(Left.Start, Right.End - Left.Start, Math.Max(Left.Depth, Right.Depth) + 1);

/// <summary>
/// A chain of <c>and</c> (or of <c>or</c>) operands, kept flat: <c>a and b and c</c> is one node of three operands,
/// so a long chain costs no depth. <see cref="Operators"/> holds the operator tokens, one before each operand but the first.
/// </summary>
internal sealed record LogicalSyntax(TokenKind Operator, ImmutableArray<SyntaxNode> Operands, ImmutableArray<Token> Operators, int ChainDepth)
    : SyntaxNode(Operands[0].Start, Operands[^1].End - Operands[0].Start, ChainDepth);

/// <summary>A list literal <c>[a, b]</c>.</summary>
internal sealed record ListSyntax(ImmutableArray<SyntaxNode> Items, int ListStart, int ListEnd, int ListDepth)
    : SyntaxNode(ListStart, ListEnd - ListStart, ListDepth);

/// <summary>Stands in for a part that did not parse; checking skips it without further errors.</summary>
internal sealed record ErrorSyntax(int ErrorStart, int ErrorLength) : SyntaxNode(ErrorStart, ErrorLength, 1);
