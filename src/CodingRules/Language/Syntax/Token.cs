namespace CodingRules.Language.Syntax;

/// <summary>A token: kind, offset and length in the expression text, and its text (strings unescaped).</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, string Text)
{
    public int End => Start + Length;
}
