using System.Collections.Immutable;
using CodingRules.Diagnostics;

namespace CodingRules.Language;

/// <summary>
/// Parses, type-checks and plans expressions. Stateless and thread-safe. Errors are located by offset inside the
/// expression text; the caller maps them to file positions.
/// </summary>
public static class ExpressionCompiler
{
    /// <summary>Longest expression accepted, in characters.</summary>
    public const int MaxLength = 10_000;

    /// <summary>The function names and signatures of the language (for documentation and completion).</summary>
    public static IReadOnlyDictionary<string, string> Functions => Binder.Functions;

    /// <summary>
    /// The expression's tokens joined by single spaces, strings in double quotes: two texts that differ only in
    /// spacing, line breaks or quote style give the same form (used to compare rule versions).
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<ExpressionError>();
        var tokens = new Lexer(text, errors).Tokenize();
        if (errors.Count > 0)
        {
            return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        return string.Join(' ', tokens
            .Where(t => t.Kind != TokenKind.End)
            .Select(t => t.Kind == TokenKind.String ? "\"" + t.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : t.Text));
    }

    /// <summary>
    /// Compiles <paramref name="text"/>. When <paramref name="expected"/> is given and the expression has another
    /// type, that is an error (CR3006 for conditions).
    /// </summary>
    public static (CompiledExpression? Expression, ImmutableArray<ExpressionError> Errors) Compile(
        string text, ExpressionEnvironment environment, ExprType? expected = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        if (text.Length > MaxLength)
        {
            return (null, [ExpressionError.At(DiagnosticDescriptors.CR2007_TooLong, 0, 1, MaxLength)]);
        }

        var errors = new List<ExpressionError>();
        var syntax = Parser.Parse(text, errors);
        if (errors.Count > 0)
        {
            return (null, [.. errors]);
        }

        var (bound, slots) = Binder.Bind(text, syntax, environment, errors);
        if (bound is null || errors.Count > 0)
        {
            return (null, [.. errors]);
        }

        if (expected is not null && !bound.Type.Equals(expected))
        {
            var descriptor = expected.Kind == TypeKind.Boolean ? DiagnosticDescriptors.CR3006_NotBoolean : DiagnosticDescriptors.CR1005_WrongType;
            object?[] args = expected.Kind == TypeKind.Boolean ? [bound.Type.Name] : [expected.Name, bound.Type.Name];
            return (null, [ExpressionError.At(descriptor, syntax.Start, syntax.Length, args)]);
        }

        return (new CompiledExpression(text, bound.Type, bound.Node, slots, environment.SlotCount), []);
    }
}
