using System.Collections.Immutable;
using System.Text;
using CodingRules.Language.Plan;
using CodingRules.Language.Syntax;

namespace CodingRules.Language;

/// <summary>
/// A finding message with <c>{expression}</c> placeholders, compiled at load. <c>{{</c> and <c>}}</c> stand for
/// literal braces. A missing value shows as <c>null</c>. Immutable and thread-safe.
/// </summary>
public sealed class MessageTemplate
{
    private readonly ImmutableArray<(string? Literal, CompiledExpression? Expression)> _parts;

    private MessageTemplate(string text, ImmutableArray<(string?, CompiledExpression?)> parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>True when the message has no placeholder (it is then the same for every encounter).</summary>
    public bool IsConstant => _parts.All(p => p.Expression is null);

    /// <summary>
    /// The message's canonical form: literal text with white space folded, a placeholder known at load (a parameter,
    /// the rule set's id) as its text, any other placeholder as its expression's canonical form. Two messages with one
    /// canonical form read the same for every encounter, so <c>diff</c> compares messages by it.
    /// </summary>
    public string CanonicalForm
    {
        get
        {
            var text = new StringBuilder();
            foreach (var (literal, expression) in _parts)
            {
                text.Append(literal ?? (expression!.IsConstant ? expression.Evaluate(new EvaluationFrame(0)).ToDisplayString() : "{" + expression.CanonicalForm + "}"));
            }

            return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>The literal texts between the placeholders, in order.</summary>
    public IEnumerable<string> Literals => _parts.Where(p => p.Literal is not null).Select(p => p.Literal!);

    /// <summary>The placeholders' expressions, in order.</summary>
    public IEnumerable<CompiledExpression> Placeholders => _parts.Where(p => p.Expression is not null).Select(p => p.Expression!);

    /// <summary>Frame slots formatting needs.</summary>
    public int SlotCount => _parts.Max(p => p.Expression?.SlotCount ?? 0);

    /// <summary>
    /// Compiles a template: splits <c>text {expr} text</c> and compiles each placeholder; errors are located by offset
    /// in <paramref name="text"/> (CR2006 for an unclosed placeholder, CR3012 for a value that cannot be shown).
    /// </summary>
    public static (MessageTemplate? Template, ImmutableArray<ExpressionError> Errors) Compile(string text, ExpressionEnvironment environment) =>
        Compile(text, environment, CompileOptions.Default);

    internal static (MessageTemplate? Template, ImmutableArray<ExpressionError> Errors) Compile(string text, ExpressionEnvironment environment, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<ExpressionError>();
        var split = TemplateParser.Split(text, errors);
        var parts = ImmutableArray.CreateBuilder<(string?, CompiledExpression?)>();
        foreach (var part in split)
        {
            if (part.Literal is { } literal)
            {
                parts.Add((literal, null));
                continue;
            }

            var (expression, innerErrors) = ExpressionCompiler.CompilePlaceholder(part.Expression!, environment, options);
            errors.AddRange(innerErrors.Select(e => e with { Offset = e.Offset + part.Offset }));
            parts.Add((null, expression));
        }

        return errors.Count > 0 ? (null, [.. errors]) : (new MessageTemplate(text, parts.ToImmutable()), []);
    }

    /// <summary>Formats the message for the facts in <paramref name="frame"/>.</summary>
    public string Format(EvaluationFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_parts.Length == 1 && _parts[0].Literal is { } only)
        {
            return only;
        }

        var builder = new StringBuilder();
        foreach (var (literal, expression) in _parts)
        {
            builder.Append(literal ?? expression!.Evaluate(frame).ToDisplayString());
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
