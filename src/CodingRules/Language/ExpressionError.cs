using System.Collections.Immutable;
using CodingRules.Diagnostics;

namespace CodingRules.Language;

/// <summary>
/// A problem in one expression, located by a 0-based offset and length inside the expression text; the loader maps
/// it back to the file's line and column.
/// </summary>
public sealed record ExpressionError(DiagnosticDescriptor Descriptor, int Offset, int Length, ImmutableArray<object?> Arguments)
{
    /// <summary>Creates an error.</summary>
    public static ExpressionError At(DiagnosticDescriptor descriptor, int offset, int length, params object?[] arguments) =>
        new(descriptor, offset, Math.Max(length, 1), [.. arguments]);
}
