using System.Collections.Immutable;
using System.Text;
using CodingRules.Language;
using CodingRules.Language.Plan;

namespace CodingRules.Model;

/// <summary>
/// A finding message with <c>{expression}</c> placeholders, compiled at load. <c>{{</c> and <c>}}</c> stand for
/// literal braces. Immutable and thread-safe.
/// </summary>
public sealed class MessageTemplate
{
    private readonly ImmutableArray<(string? Literal, CompiledExpression? Expression)> _parts;

    internal MessageTemplate(string text, ImmutableArray<(string?, CompiledExpression?)> parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>True when the message has no placeholder (it is then the same for every encounter).</summary>
    public bool IsConstant => _parts.All(p => p.Expression is null);

    /// <summary>Formats the message for the facts in <paramref name="frame"/>.</summary>
    public string Format(EvaluationFrame frame)
    {
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
