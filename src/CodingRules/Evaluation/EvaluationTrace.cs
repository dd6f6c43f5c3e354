using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace CodingRules.Evaluation;

/// <summary>
/// An account of one evaluation, for <c>--explain</c>: the rule set chosen for each procedure, the joints as resolved,
/// every check with whether it fired and the facts it read, and the rule behind each line. It is a tree of
/// <see cref="TraceStep"/>s (a step's children are what was done inside it: a rule set's checks, a check's facts),
/// read as indented text (<see cref="ToString"/>) or written as JSON (<see cref="WriteJson"/>, the <c>explain</c>
/// array of <c>schemas/result.schema.json</c>). Collected only when asked for; the fast path never builds it.
/// Not thread-safe (one per evaluation).
/// </summary>
public sealed class EvaluationTrace
{
    private readonly List<TraceStep> _root = [];
    private readonly Stack<List<TraceStep>> _open = new();

    /// <summary>The top-level steps, in order.</summary>
    public IReadOnlyList<TraceStep> Steps => _root;

    private List<TraceStep> Current => _open.Count == 0 ? _root : _open.Peek();

    /// <summary>Adds a step of kind <c>note</c>: a line of text at the current depth.</summary>
    public void Line(string text) => Step("note", text);

    /// <summary>Adds a step with its kind, its text and the facts a tool reads (by name; values are texts, numbers, booleans, lists or null).</summary>
    public void Step(string kind, string text, params (string Name, object? Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Any(f => f.Name is "kind" or "text" or "steps"))
        {
            throw new ArgumentException("'kind', 'text' and 'steps' are the step's own properties, not field names.", nameof(fields));
        }

        Current.Add(new TraceStep(kind, text, [.. fields]));
    }

    /// <summary>Makes the steps added until the returned scope is disposed children of the last step added.</summary>
    public IDisposable Indent()
    {
        var current = Current;
        if (current.Count == 0)
        {
            current.Add(new TraceStep("group", string.Empty, []));
        }

        _open.Push(current[^1].ChildList);
        return new Outdent(this);
    }

    /// <summary>The steps as indented text, two spaces a level, one line each.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Write(_root, 0);
        return text.ToString();

        void Write(List<TraceStep> steps, int depth)
        {
            foreach (var step in steps)
            {
                if (step.Text.Length > 0)
                {
                    text.Append(' ', depth * 2).AppendLine(step.Text);
                }

                Write(step.ChildList, step.Text.Length > 0 ? depth + 1 : depth);
            }
        }
    }

    /// <summary>Writes the steps as a JSON array: <c>[{kind, text, ...fields, steps?}]</c>.</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Write(_root);

        void Write(List<TraceStep> steps)
        {
            json.WriteStartArray();
            foreach (var step in steps)
            {
                json.WriteStartObject();
                json.WriteString("kind", step.Kind);
                json.WriteString("text", step.Text);
                foreach (var (name, value) in step.Fields)
                {
                    json.WritePropertyName(name);
                    WriteValue(json, value);
                }

                if (step.ChildList.Count > 0)
                {
                    json.WritePropertyName("steps");
                    Write(step.ChildList);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case IEnumerable<string> items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }

    private sealed class Outdent(EvaluationTrace trace) : IDisposable
    {
        public void Dispose() => trace._open.Pop();
    }
}

/// <summary>
/// One step of an <see cref="EvaluationTrace"/>: its kind (<c>ruleSet</c>, <c>procedure</c>, <c>joints</c>,
/// <c>check</c>, <c>fact</c>, <c>line</c>, <c>policy</c>, <c>audit</c>, <c>note</c>...), its text as <c>--explain</c>
/// prints it, its fields by name, and the steps done inside it.
/// </summary>
public sealed class TraceStep
{
    internal TraceStep(string kind, string text, ImmutableArray<(string Name, object? Value)> fields)
    {
        Kind = kind;
        Text = text;
        Fields = fields;
    }

    /// <summary>What the step is.</summary>
    public string Kind { get; }

    /// <summary>The step as a line of text.</summary>
    public string Text { get; }

    /// <summary>The step's facts by name.</summary>
    public ImmutableArray<(string Name, object? Value)> Fields { get; }

    /// <summary>The steps done inside this one.</summary>
    public IReadOnlyList<TraceStep> Children => ChildList;

    internal List<TraceStep> ChildList { get; } = [];
}
