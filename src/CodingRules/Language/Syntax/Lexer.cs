using System.Text;
using CodingRules.Diagnostics;

namespace CodingRules.Language.Syntax;

/// <summary>
/// Splits expression text into tokens. Keywords: <c>and or not in true false null</c>. Strings use double or single
/// quotes with backslash escapes. Numbers are decimal (<c>80</c>, <c>0.5</c>); the parser checks their form. Never throws: bad input becomes
/// <see cref="TokenKind.Bad"/> tokens plus errors.
/// </summary>
internal sealed class Lexer(string text, List<ExpressionError> errors)
{
    private int _position;

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return tokens;
            }
        }
    }

    private Token Next()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        if (_position >= text.Length)
        {
            return new Token(TokenKind.End, text.Length, 0, string.Empty);
        }

        var start = _position;
        var c = text[_position];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                _position++;
            }

            var word = text[start.._position];
            var kind = word switch
            {
                "and" => TokenKind.And,
                "or" => TokenKind.Or,
                "not" => TokenKind.Not,
                "in" => TokenKind.In,
                "true" => TokenKind.True,
                "false" => TokenKind.False,
                "null" => TokenKind.Null,
                _ => TokenKind.Identifier,
            };
            return new Token(kind, start, word.Length, word);
        }

        if (char.IsAsciiDigit(c))
        {
            while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
            {
                _position++;
            }

            return new Token(TokenKind.Number, start, _position - start, text[start.._position]);
        }

        if (c is '"' or '\'')
        {
            return ReadString(c);
        }

        _position++;
        var two = _position < text.Length ? text[_position] : '\0';
        switch (c)
        {
            case '=' when two == '=': _position++; return Make(TokenKind.EqualEqual, start);
            case '=' when two == '>': _position++; return Make(TokenKind.Arrow, start);
            case '!' when two == '=': _position++; return Make(TokenKind.NotEqual, start);
            case '<' when two == '=': _position++; return Make(TokenKind.LessEqual, start);
            case '>' when two == '=': _position++; return Make(TokenKind.GreaterEqual, start);
            case '<': return Make(TokenKind.Less, start);
            case '>': return Make(TokenKind.Greater, start);
            case '+': return Make(TokenKind.Plus, start);
            case '-': return Make(TokenKind.Minus, start);
            case '*': return Make(TokenKind.Star, start);
            case '/': return Make(TokenKind.Slash, start);
            case '%': return Make(TokenKind.Percent, start);
            case '?' when two == '?': _position++; return Make(TokenKind.QuestionQuestion, start);
            case '.': return Make(TokenKind.Dot, start);
            case ',': return Make(TokenKind.Comma, start);
            case '(': return Make(TokenKind.OpenParen, start);
            case ')': return Make(TokenKind.CloseParen, start);
            case '[': return Make(TokenKind.OpenBracket, start);
            case ']': return Make(TokenKind.CloseBracket, start);
            default:
                errors.Add(ExpressionError.At(DiagnosticDescriptors.CR2001_UnexpectedCharacter, start, 1, c.ToString()));
                return Make(TokenKind.Bad, start);
        }
    }

    private Token Make(TokenKind kind, int start) => new(kind, start, _position - start, text[start.._position]);

    private Token ReadString(char quote)
    {
        var start = _position++;
        var builder = new StringBuilder();
        while (_position < text.Length && text[_position] != quote)
        {
            var c = text[_position++];
            if (c == '\\' && _position < text.Length)
            {
                var e = text[_position++];
                if (e is not ('n' or 't' or '\\' or '"' or '\''))
                {
                    // Note: "radio\afrequency" would silently become "radioafrequency"; an unknown escape is a mistake.
                    errors.Add(ExpressionError.At(DiagnosticDescriptors.CR2008_UnknownEscape, _position - 2, 2, e.ToString()));
                }

                builder.Append(e switch { 'n' => '\n', 't' => '\t', _ => e });
            }
            else
            {
                builder.Append(c);
            }
        }

        if (_position >= text.Length)
        {
            errors.Add(ExpressionError.At(DiagnosticDescriptors.CR2002_UnterminatedString, start, _position - start));
            return new Token(TokenKind.String, start, _position - start, builder.ToString());
        }

        _position++;
        return new Token(TokenKind.String, start, _position - start, builder.ToString());
    }
}
