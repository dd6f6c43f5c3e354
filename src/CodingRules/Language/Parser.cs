using System.Collections.Immutable;
using CodingRules.Diagnostics;

namespace CodingRules.Language;

/// <summary>
/// Recursive-descent parser for conditions. The grammar (lowest precedence first):
/// <code>
/// expression := or
/// or         := and ( "or" and )*
/// and        := not ( "and" not )*
/// not        := "not" not | comparison
/// comparison := additive ( ( "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "in" | "not" "in" ) additive )?
/// additive   := multiplicative ( ( "+" | "-" ) multiplicative )*
/// multiplicative := unary ( ( "*" | "/" | "%" ) unary )*
/// unary      := "-" unary | postfix
/// postfix    := primary ( "." IDENT )*
/// primary    := NUMBER | STRING | "true" | "false" | "null"
///             | IDENT "(" ( argument ( "," argument )* )? ")"
///             | IDENT | "(" expression ")" | "[" ( expression ( "," expression )* )? "]"
/// argument   := IDENT "=&gt;" expression | expression
/// </code>
/// Nesting is limited to <see cref="MaxDepth"/> so hostile input cannot exhaust the stack.
/// </summary>
internal sealed class Parser
{
    /// <summary>Deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    private readonly List<Token> _tokens;
    private readonly List<ExpressionError> _errors;
    private int _index;
    private int _depth;
    private bool _tooDeepReported;

    private Parser(List<Token> tokens, List<ExpressionError> errors)
    {
        _tokens = tokens;
        _errors = errors;
    }

    public static SyntaxNode Parse(string text, List<ExpressionError> errors)
    {
        var tokens = new Lexer(text, errors).Tokenize();
        var parser = new Parser(tokens, errors);
        var node = parser.ParseExpression();
        if (parser.Current.Kind != TokenKind.End && errors.Count == 0)
        {
            parser.Expected("an operator or the end of the expression");
        }

        return node;
    }

    private Token Current => _tokens[_index];

    private Token Advance() => _tokens[_index < _tokens.Count - 1 ? _index++ : _index];

    private SyntaxNode ParseExpression()
    {
        if (++_depth > MaxDepth)
        {
            if (!_tooDeepReported)
            {
                _tooDeepReported = true;
                _errors.Add(ExpressionError.At(DiagnosticDescriptors.CR2004_TooDeep, Current.Start, Current.Length, MaxDepth));
            }

            _index = _tokens.Count - 1;
            _depth--;
            return new ErrorSyntax(Current.Start, 0);
        }

        var node = ParseOr();
        _depth--;
        return node;
    }

    private SyntaxNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Or)
        {
            var op = Advance();
            left = new BinarySyntax(op, left, ParseAnd(), false);
        }

        return left;
    }

    private SyntaxNode ParseAnd()
    {
        var left = ParseNot();
        while (Current.Kind == TokenKind.And)
        {
            var op = Advance();
            left = new BinarySyntax(op, left, ParseNot(), false);
        }

        return left;
    }

    private SyntaxNode ParseNot()
    {
        if (Current.Kind == TokenKind.Not)
        {
            var op = Advance();
            return new UnarySyntax(op, Nested(ParseNot));
        }

        return ParseComparison();
    }

    private SyntaxNode ParseComparison()
    {
        var left = ParseAdditive();
        switch (Current.Kind)
        {
            case TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual
                or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.In:
                {
                    var op = Advance();
                    return new BinarySyntax(op, left, ParseAdditive(), false);
                }

            case TokenKind.Not when _tokens[_index + 1].Kind == TokenKind.In:
                {
                    var not = Advance();
                    var inToken = Advance();
                    var op = new Token(TokenKind.In, not.Start, inToken.End - not.Start, "not in");
                    return new BinarySyntax(op, left, ParseAdditive(), true);
                }

            default:
                return left;
        }
    }

    private SyntaxNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            left = new BinarySyntax(op, left, ParseMultiplicative(), false);
        }

        return left;
    }

    private SyntaxNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Advance();
            left = new BinarySyntax(op, left, ParseUnary(), false);
        }

        return left;
    }

    private SyntaxNode ParseUnary()
    {
        if (Current.Kind == TokenKind.Minus)
        {
            var op = Advance();
            return new UnarySyntax(op, Nested(ParseUnary));
        }

        return ParsePostfix();
    }

    private SyntaxNode ParsePostfix()
    {
        var node = ParsePrimary();
        while (Current.Kind == TokenKind.Dot)
        {
            Advance();
            if (Current.Kind != TokenKind.Identifier)
            {
                Expected("a field name after '.'");
                return node;
            }

            var name = Advance();
            node = new MemberSyntax(node, name.Text, name.Start, name.Length);
        }

        return node;
    }

    private SyntaxNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number or TokenKind.String or TokenKind.True or TokenKind.False or TokenKind.Null:
                Advance();
                return new LiteralSyntax(token);
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

    private CallSyntax ParseCall(Token name)
    {
        Advance(); // (
        var arguments = ImmutableArray.CreateBuilder<SyntaxNode>();
        if (Current.Kind != TokenKind.CloseParen)
        {
            do
            {
                if (Current.Kind == TokenKind.Identifier && _tokens[_index + 1].Kind == TokenKind.Arrow)
                {
                    var parameter = Advance();
                    Advance(); // =>
                    arguments.Add(new LambdaSyntax(parameter.Text, parameter.Start, ParseExpression()));
                }
                else
                {
                    arguments.Add(ParseExpression());
                }
            }
            while (Accept(TokenKind.Comma));
        }

        var end = Current.End;
        Expect(TokenKind.CloseParen, "')' or ','");
        return new CallSyntax(name.Text, name.Start, arguments.ToImmutable(), end);
    }

    private ListSyntax ParseList()
    {
        var open = Advance();
        var items = ImmutableArray.CreateBuilder<SyntaxNode>();
        if (Current.Kind != TokenKind.CloseBracket)
        {
            do
            {
                items.Add(ParseExpression());
            }
            while (Accept(TokenKind.Comma));
        }

        var end = Current.End;
        Expect(TokenKind.CloseBracket, "']' or ','");
        return new ListSyntax(items.ToImmutable(), open.Start, end);
    }

    private SyntaxNode Nested(Func<SyntaxNode> parse)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            return ParseExpression(); // reports CR2004 once and stops
        }

        var node = parse();
        _depth--;
        return node;
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
        // One syntax error per expression: after the first, the rest is noise.
        if (_errors.Exists(e => e.Descriptor.Id.StartsWith("CR2", StringComparison.Ordinal)))
        {
            return;
        }

        var found = Current.Kind == TokenKind.End ? "the end of the expression" : $"'{Current.Text}'";
        _errors.Add(ExpressionError.At(DiagnosticDescriptors.CR2003_UnexpectedToken, Current.Start, Math.Max(Current.Length, 1), what, found));
    }
}
