using System.Collections.Immutable;
using CodingRules.Diagnostics;

namespace CodingRules.Language;

/// <summary>
/// A problem in one expression, located by a 0-based offset and length inside the expression text; the loader maps
/// it back to the file's line and column. An error inside a named definition carries the definition's
/// <see cref="Origin"/>, and its offset is inside the definition's text.
/// </summary>
public sealed record ExpressionError(DiagnosticDescriptor Descriptor, int Offset, int Length, ImmutableArray<object?> Arguments)
{
    /// <summary>For an error inside a named definition: the definition's origin (as the host gave it); null otherwise.</summary>
    public object? Origin { get; init; }

    /// <summary>Creates an error.</summary>
    public static ExpressionError At(DiagnosticDescriptor descriptor, int offset, int length, params object?[] arguments) =>
        new(descriptor, offset, Math.Max(length, 1), [.. arguments]);
}
