using CodingRules.Diagnostics;

namespace CodingRules.Language.Checking;

/// <summary>What the host needs an expression to be: anything, one type (a condition is boolean), or showable in a message.</summary>
internal sealed class Expectation
{
    private readonly ExprType? _type;
    private readonly bool _formattable;

    private Expectation(ExprType? type, bool formattable)
    {
        _type = type;
        _formattable = formattable;
    }

    public static Expectation Any { get; } = new(null, false);

    /// <summary>A value a message placeholder can show: not an object or a period (CR3012).</summary>
    public static Expectation Formattable { get; } = new(null, true);

    /// <summary>Exactly <paramref name="type"/> (CR3006 for a condition, CR3015 otherwise).</summary>
    public static Expectation Exactly(ExprType type) => new(type, false);

    /// <summary>The error to report (given the expression's span) when <paramref name="actual"/> does not meet it.</summary>
    public Func<int, int, ExpressionError>? Refuses(ExprType actual)
    {
        if (_formattable && actual.Kind is TypeKind.Object or TypeKind.Period)
        {
            return (start, length) => ExpressionError.At(DiagnosticDescriptors.CR3012_NotFormattable, start, length, actual.Name);
        }

        if (_type is null || actual.Equals(_type))
        {
            return null;
        }

        return _type.Kind == TypeKind.Boolean
            ? (start, length) => ExpressionError.At(DiagnosticDescriptors.CR3006_NotBoolean, start, length, actual.Name)
            : (start, length) => ExpressionError.At(DiagnosticDescriptors.CR3015_ExpressionType, start, length, _type.Name, actual.Name);
    }
}
