using System.Text;

namespace CodingRules.Evaluation;

/// <summary>
/// A readable account of one evaluation, for <c>--explain</c>: the rule set chosen for each procedure, the joints
/// as resolved, every check with whether it fired and the facts it read, and the rule behind each line.
/// Collected only when asked for; the fast path never builds it. Not thread-safe (one per evaluation).
/// </summary>
public sealed class EvaluationTrace
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Adds a line at the current indentation.</summary>
    public void Line(string text) => _text.Append(' ', _indent * 2).AppendLine(text);

    /// <summary>Indents the lines written until the returned scope is disposed.</summary>
    public IDisposable Indent()
    {
        _indent++;
        return new Outdent(this);
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();

    private sealed class Outdent(EvaluationTrace trace) : IDisposable
    {
        public void Dispose() => trace._indent--;
    }
}
