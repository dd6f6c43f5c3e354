namespace CodingRules.Diagnostics;

/// <summary>
/// The definition of one kind of diagnostic: a stable id (never reused), a title, a message format with
/// <c>{0}</c>-style placeholders and a default severity. All descriptors live in <see cref="DiagnosticDescriptors"/>.
/// </summary>
public sealed record DiagnosticDescriptor(string Id, string Title, string MessageFormat, DiagnosticSeverity Severity)
{
    /// <summary>Formats the message with the given arguments (invariant culture).</summary>
    public string Format(IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.Count == 0
            ? MessageFormat
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, [.. arguments]);
    }
}
