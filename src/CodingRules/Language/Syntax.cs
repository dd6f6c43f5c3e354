using System.Collections.Immutable;

namespace CodingRules.Language;

// Note: the syntax tree is a closed family of tiny records; keeping them in one file reads better than eight
// files of five lines each (the one-type-per-file rule is about public types).

/// <summary>A node of the expression syntax tree, located by offset and length in the expression text.</summary>
internal abstract record SyntaxNode(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>A literal: number, string, true, false or null.</summary>
internal sealed record LiteralSyntax(Token Token) : SyntaxNode(Token.Start, Token.Length);

/// <summary>A bare name: a variable such as <c>procedure</c> or a predicate parameter.</summary>
internal sealed record NameSyntax(string Name, int NameStart, int NameLength) : SyntaxNode(NameStart, NameLength);

/// <summary>Field access <c>target.member</c>.</summary>
internal sealed record MemberSyntax(SyntaxNode Target, string Member, int MemberStart, int MemberLength)
    : SyntaxNode(Target.Start, MemberStart + MemberLength - Target.Start);

/// <summary>A function call <c>name(arg, ...)</c>.</summary>
internal sealed record CallSyntax(string Name, int NameStart, ImmutableArray<SyntaxNode> Arguments, int CallEnd)
    : SyntaxNode(NameStart, CallEnd - NameStart);

/// <summary>A predicate <c>x =&gt; body</c>, allowed only as a function argument.</summary>
internal sealed record LambdaSyntax(string Parameter, int ParameterStart, SyntaxNode Body)
    : SyntaxNode(ParameterStart, Body.End - ParameterStart);

/// <summary>A prefix operator: <c>not</c> or unary minus.</summary>
internal sealed record UnarySyntax(Token Operator, SyntaxNode Operand)
    : SyntaxNode(Operator.Start, Operand.End - Operator.Start);

/// <summary>A binary operator; <see cref="Negated"/> marks <c>not in</c>.</summary>
internal sealed record BinarySyntax(Token Operator, SyntaxNode Left, SyntaxNode Right, bool Negated)
    : SyntaxNode(Left.Start, Right.End - Left.Start);

/// <summary>A list literal <c>[a, b]</c>.</summary>
internal sealed record ListSyntax(ImmutableArray<SyntaxNode> Items, int ListStart, int ListEnd)
    : SyntaxNode(ListStart, ListEnd - ListStart);

/// <summary>Stands in for a part that did not parse; binding skips it without further errors.</summary>
internal sealed record ErrorSyntax(int ErrorStart, int ErrorLength) : SyntaxNode(ErrorStart, ErrorLength);
