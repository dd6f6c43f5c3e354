using System.Collections.Immutable;
using CodingRules.Text;

namespace CodingRules.Diagnostics;

/// <summary>
/// One reported problem: a descriptor, where it is, and the arguments of its message.
/// <see cref="Source"/> is present when the location lies in a text we hold, so the line can be shown with a caret.
/// </summary>
public sealed record Diagnostic
{
    private Diagnostic(DiagnosticDescriptor descriptor, SourceLocation location, SourceText? source, int length, ImmutableArray<object?> arguments, DiagnosticSeverity severity)
    {
        Descriptor = descriptor;
        Location = location;
        Source = source;
        Length = length;
        Arguments = arguments;
        Severity = severity;
    }

    /// <summary>What kind of problem this is.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The stable id, e.g. <c>CR1001</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The severity (the descriptor's default unless overridden when created).</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>Where the problem is (1-based line and column).</summary>
    public SourceLocation Location { get; }

    /// <summary>The text the location points into, when known.</summary>
    public SourceText? Source { get; }

    /// <summary>How many characters the problem spans (at least 1 for the caret).</summary>
    public int Length { get; }

    /// <summary>The values of the message placeholders.</summary>
    public ImmutableArray<object?> Arguments { get; }

    /// <summary>The formatted message.</summary>
    public string Message => Descriptor.Format(Arguments);

    /// <summary>Creates a diagnostic at a span of a source text.</summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new Diagnostic(descriptor, span.Location, span.Source, Math.Max(span.Length, 1), Bounded(arguments), descriptor.Severity);
    }

    /// <summary>Creates a diagnostic at a location for which no text is held (e.g. an unreadable file).</summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new Diagnostic(descriptor, location, null, 1, Bounded(arguments), descriptor.Severity);
    }

    /// <summary>The longest text argument a message shows; longer ones (a 1 MB key, say) are cut, saying how much.</summary>
    public const int MaxArgumentLength = 200;

    private static ImmutableArray<object?> Bounded(object?[] arguments) =>
        [.. arguments.Select(a => a is string { Length: > MaxArgumentLength } s
            ? string.Concat(s.AsSpan(0, MaxArgumentLength), $"... ({s.Length - MaxArgumentLength} more characters)")
            : a)];

    /// <summary>A copy with another severity (used where the same problem is an error in one place, a warning in another).</summary>
    public Diagnostic WithSeverity(DiagnosticSeverity severity) =>
        new(Descriptor, Location, Source, Length, Arguments, severity);

    /// <summary>Formats as <c>path:line:col: severity ID: message</c>.</summary>
    public override string ToString() =>
        $"{Location}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
