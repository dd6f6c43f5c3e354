using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Diagnostics;

namespace CodingRules.Language.Syntax;

/// <summary>
/// Recursive-descent parser for conditions. The grammar (lowest precedence first):
/// <code>
/// expression := or
/// or         := and ( "or" and )*
/// and        := not ( "and" not )*
/// not        := "not" not | comparison
/// comparison := default ( ( "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "in" | "not" "in" ) default )?
/// default    := additive ( "??" additive )*
/// additive   := multiplicative ( ( "+" | "-" ) multiplicative )*
/// multiplicative := unary ( ( "*" | "/" | "%" ) unary )*
/// unary      := "-" unary | postfix
/// postfix    := primary ( "." IDENT )*
/// primary    := NUMBER | STRING | "true" | "false" | "null"
///             | IDENT "(" ( argument ( "," argument )* )? ")"
///             | IDENT | "(" expression ")" | "[" ( expression ( "," expression )* )? "]"
/// argument   := IDENT "=&gt;" expression | expression
/// </code>
/// <c>and</c> and <c>or</c> chains are kept flat (<see cref="LogicalSyntax"/>). Every node's height is bounded by
/// <see cref="MaxDepth"/>, whatever builds it (parentheses, prefix operators or a long chain of binary operators):
/// a higher tree is syntax error CR2004, so no later pass can exhaust the stack. Only syntax errors (CR2xxx) are
/// reported here, at most one per expression: after the first, the rest is noise.
/// </summary>
internal sealed class Parser
{
    /// <summary>Highest syntax tree accepted (a leaf counts 1).</summary>
    public const int MaxDepth = 64;

    /// <summary>Longest expression accepted, in characters.</summary>
    public const int MaxLength = 10_000;

    private readonly List<Token> _tokens;
    private readonly List<ExpressionError> _errors;
    private int _index;
    private int _nesting;
    private bool _failed;

    private Parser(List<Token> tokens, List<ExpressionError> errors)
    {
        _tokens = tokens;
        _errors = errors;
        _failed = errors.Count > 0; // the lexer already reported a syntax error
    }

    /// <summary>Parses <paramref name="text"/>; syntax errors are added to <paramref name="errors"/>.</summary>
    public static SyntaxNode Parse(string text, List<ExpressionError> errors)
    {
        if (text.Length > MaxLength)
        {
            errors.Add(ExpressionError.At(DiagnosticDescriptors.CR2007_TooLong, 0, 1, MaxLength));
            return new ErrorSyntax(0, 1);
        }

        var tokens = new Lexer(text, errors).Tokenize();
        var parser = new Parser(tokens, errors);
        var node = parser.ParseExpression();
        if (parser.Current.Kind != TokenKind.End)
        {
            parser.Expected("an operator or the end of the expression");
        }

        return node;
    }

    private Token Current => _tokens[_index];

    private Token Peek => _tokens[Math.Min(_index + 1, _tokens.Count - 1)];

    private Token Advance() => _tokens[_index < _tokens.Count - 1 ? _index++ : _index];

    private SyntaxNode ParseExpression()
    {
        if (++_nesting > MaxDepth)
        {
            _nesting--;
            return TooDeep(Current.Start, Current.Length);
        }

        var node = ParseOr();
        _nesting--;
        return node;
    }

    private SyntaxNode ParseOr() => ParseChain(TokenKind.Or, ParseAnd);

    private SyntaxNode ParseAnd() => ParseChain(TokenKind.And, ParseNot);

    private SyntaxNode ParseChain(TokenKind op, Func<SyntaxNode> operand)
    {
        var first = operand();
        if (Current.Kind != op)
        {
            return first;
        }

        var operands = ImmutableArray.CreateBuilder<SyntaxNode>();
        var operators = ImmutableArray.CreateBuilder<Token>();
        operands.Add(first);
        var depth = first.Depth;
        while (Current.Kind == op && !_failed)
        {
            operators.Add(Advance());
            var next = operand();
            operands.Add(next);
            depth = Math.Max(depth, next.Depth);
        }

        return Bounded(new LogicalSyntax(op, operands.ToImmutable(), operators.ToImmutable(), depth + 1));
    }

    private SyntaxNode ParseNot()
    {
        if (Current.Kind == TokenKind.Not)
        {
            var op = Advance();
            return Bounded(new UnarySyntax(op, Nested(ParseNot)));
        }

        return ParseComparison();
    }

    private SyntaxNode ParseComparison()
    {
        var left = ParseDefault();
        switch (Current.Kind)
        {
            case TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual
                or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.In:
                {
                    var op = Advance();
                    return Bounded(new BinarySyntax(op, left, ParseDefault(), false));
                }

            case TokenKind.Not when Peek.Kind == TokenKind.In:
                {
                    var not = Advance();
                    var inToken = Advance();
                    var op = new Token(TokenKind.In, not.Start, inToken.End - not.Start, "not in");
                    return Bounded(new BinarySyntax(op, left, ParseDefault(), true));
                }

            default:
                return left;
        }
    }

    private SyntaxNode ParseDefault() => ParseLeftAssociative(ParseAdditive, TokenKind.QuestionQuestion);

    private SyntaxNode ParseAdditive() => ParseLeftAssociative(ParseMultiplicative, TokenKind.Plus, TokenKind.Minus);

    private SyntaxNode ParseMultiplicative() => ParseLeftAssociative(ParseUnary, TokenKind.Star, TokenKind.Slash, TokenKind.Percent);

    private SyntaxNode ParseLeftAssociative(Func<SyntaxNode> operand, params TokenKind[] operators)
    {
        var left = operand();
        while (Array.IndexOf(operators, Current.Kind) >= 0 && !_failed)
        {
            var op = Advance();
            left = Bounded(new BinarySyntax(op, left, operand(), false));
        }

        return left;
    }

    private SyntaxNode ParseUnary()
    {
        if (Current.Kind == TokenKind.Minus)
        {
            var op = Advance();
            return Bounded(new UnarySyntax(op, Nested(ParseUnary)));
        }

        return ParsePostfix();
    }

    private SyntaxNode ParsePostfix()
    {
        var node = ParsePrimary();
        while (Current.Kind == TokenKind.Dot && !_failed)
        {
            Advance();
            if (Current.Kind != TokenKind.Identifier)
            {
                Expected("a field name after '.'");
                return node;
            }

            var name = Advance();
            node = Bounded(new MemberSyntax(node, name.Text, name.Start, name.Length));
        }

        return node;
    }

    private SyntaxNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (!double.TryParse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    Report(DiagnosticDescriptors.CR2005_InvalidNumber, token.Start, token.Length, token.Text);
                    return new ErrorSyntax(token.Start, token.Length);
                }

                return new LiteralSyntax(token, Value.FromNumber(number));
            case TokenKind.String:
                Advance();
                return new LiteralSyntax(token, Value.FromString(token.Text));
            case TokenKind.True or TokenKind.False:
                Advance();
                return new LiteralSyntax(token, Value.FromBoolean(token.Kind == TokenKind.True));
            case TokenKind.Null:
                Advance();
                return new LiteralSyntax(token, Value.Null);
            case TokenKind.Identifier:
                Advance();
                return Current.Kind == TokenKind.OpenParen ? ParseCall(token) : new NameSyntax(token.Text, token.Start, token.Length);
            case TokenKind.OpenParen:
                {
                    Advance();
                    var inner = ParseExpression();
                    Expect(TokenKind.CloseParen, "')'");
                    return inner;
                }

            case TokenKind.OpenBracket:
                return ParseList();
            default:
                Expected("a value, a name or '('");
                if (token.Kind != TokenKind.End)
                {
                    Advance();
                }

                return new ErrorSyntax(token.Start, token.Length);
        }
    }

    private SyntaxNode ParseCall(Token name)
    {
        Advance(); // (
        var arguments = ImmutableArray.CreateBuilder<SyntaxNode>();
        var depth = 0;
        if (Current.Kind != TokenKind.CloseParen)
        {
            do
            {
                SyntaxNode argument;
                if (Current.Kind == TokenKind.Identifier && Peek.Kind == TokenKind.Arrow)
                {
                    var parameter = Advance();
                    Advance(); // =>
                    argument = Bounded(new LambdaSyntax(parameter.Text, parameter.Start, ParseExpression()));
                }
                else
                {
                    argument = ParseExpression();
                }

                arguments.Add(argument);
                depth = Math.Max(depth, argument.Depth);
            }
            while (!_failed && Accept(TokenKind.Comma));
        }

        var end = Current.End;
        Expect(TokenKind.CloseParen, "')' or ','");
        return Bounded(new CallSyntax(name.Text, name.Start, arguments.ToImmutable(), end, depth + 1));
    }

    private SyntaxNode ParseList()
    {
        var open = Advance();
        var items = ImmutableArray.CreateBuilder<SyntaxNode>();
        var depth = 0;
        if (Current.Kind != TokenKind.CloseBracket)
        {
            do
            {
                var item = ParseExpression();
                items.Add(item);
                depth = Math.Max(depth, item.Depth);
            }
            while (!_failed && Accept(TokenKind.Comma));
        }

        var end = Current.End;
        Expect(TokenKind.CloseBracket, "']' or ','");
        return Bounded(new ListSyntax(items.ToImmutable(), open.Start, end, depth + 1));
    }

    private SyntaxNode Nested(Func<SyntaxNode> parse)
    {
        if (++_nesting > MaxDepth)
        {
            _nesting--;
            return TooDeep(Current.Start, Current.Length);
        }

        var node = parse();
        _nesting--;
        return node;
    }

    /// <summary>The node, or an error node (CR2004) when it makes the tree higher than <see cref="MaxDepth"/>.</summary>
    private SyntaxNode Bounded(SyntaxNode node) => node.Depth > MaxDepth ? TooDeep(node.Start, node.Length) : node;

    private ErrorSyntax TooDeep(int start, int length)
    {
        Report(DiagnosticDescriptors.CR2004_TooDeep, start, length, MaxDepth);
        _index = _tokens.Count - 1; // nothing after this is worth reading
        return new ErrorSyntax(start, Math.Max(length, 1));
    }

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (!Accept(kind))
        {
            Expected(what);
        }
    }

    private void Expected(string what)
    {
        var found = Current.Kind == TokenKind.End ? "the end of the expression" : $"'{Current.Text}'";
        Report(DiagnosticDescriptors.CR2003_UnexpectedToken, Current.Start, Math.Max(Current.Length, 1), what, found);
    }

    private void Report(Diagnostics.DiagnosticDescriptor descriptor, int start, int length, params object?[] arguments)
    {
        if (_failed)
        {
            return;
        }

        _failed = true;
        _errors.Add(ExpressionError.At(descriptor, start, length, arguments));
    }
}
