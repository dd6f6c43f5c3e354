using System.Collections.Immutable;
using System.Text;
using CodingRules.Diagnostics;

namespace CodingRules.Language.Syntax;

/// <summary>One part of a message template: literal text, or a placeholder's expression text and its offset.</summary>
internal readonly record struct TemplatePart(string? Literal, string? Expression, int Offset);

/// <summary>
/// Splits a message template <c>text {expr} text</c> into parts; <c>{{</c> and <c>}}</c> are literal braces.
/// An unclosed placeholder is syntax error CR2006.
/// </summary>
internal static class TemplateParser
{
    public static ImmutableArray<TemplatePart> Split(string text, List<ExpressionError> errors)
    {
        var parts = ImmutableArray.CreateBuilder<TemplatePart>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                errors.Add(ExpressionError.At(DiagnosticDescriptors.CR2006_UnterminatedPlaceholder, i, 1));
                return [];
            }

            if (literal.Length > 0)
            {
                parts.Add(new TemplatePart(literal.ToString(), null, 0));
                literal.Clear();
            }

            parts.Add(new TemplatePart(null, text[(i + 1)..close], i + 1));
            i = close;
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add(new TemplatePart(literal.ToString(), null, 0));
        }

        return parts.ToImmutable();
    }
}
