using System.Globalization;

namespace CodingRules.Language;

/// <summary>
/// A runtime value of the expression language, stored without boxing for numbers, booleans and dates.
/// A default <see cref="Value"/> is <c>null</c> (a missing fact).
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly double _number;
    private readonly object? _reference;

    private Value(TypeKind kind, double number, object? reference)
    {
        Kind = kind;
        _number = number;
        _reference = reference;
    }

    /// <summary>The kind of value held; <see cref="TypeKind.Null"/> for a missing value.</summary>
    public TypeKind Kind { get; }

    /// <summary>True when no value is held.</summary>
    public bool IsNull => Kind == TypeKind.Null;

    /// <summary>The null value.</summary>
    public static Value Null => default;

    /// <summary><c>true</c>.</summary>
    public static Value True { get; } = new(TypeKind.Boolean, 1, null);

    /// <summary><c>false</c>.</summary>
    public static Value False { get; } = new(TypeKind.Boolean, 0, null);

    /// <summary>A number.</summary>
    public static Value FromNumber(double number) => new(TypeKind.Number, number, null);

    /// <summary>A number, or null when <paramref name="number"/> is null.</summary>
    public static Value FromNumber(double? number) => number is { } n ? FromNumber(n) : Null;

    /// <summary>A boolean.</summary>
    public static Value FromBoolean(bool value) => value ? True : False;

    /// <summary>A string, or null when <paramref name="text"/> is null.</summary>
    public static Value FromString(string? text) => text is null ? Null : new(TypeKind.String, 0, text);

    /// <summary>A date.</summary>
    public static Value FromDate(DateOnly date) => new(TypeKind.Date, date.DayNumber, null);

    /// <summary>A period.</summary>
    public static Value FromPeriod(Period period) => new(TypeKind.Period, 0, period);

    /// <summary>A list, or null when <paramref name="list"/> is null.</summary>
    public static Value FromList(IValueList? list) => list is null ? Null : new(TypeKind.List, 0, list);

    /// <summary>An object, or null when <paramref name="obj"/> is null.</summary>
    public static Value FromObject(object? obj) => obj is null ? Null : new(TypeKind.Object, 0, obj);

    /// <summary>The number held (0 when not a number).</summary>
    public double AsNumber => _number;

    /// <summary>The boolean held; null counts as false.</summary>
    public bool AsBoolean => Kind == TypeKind.Boolean && _number != 0;

    /// <summary>The string held, or null.</summary>
    public string? AsString => _reference as string;

    /// <summary>The date held.</summary>
    public DateOnly AsDate => DateOnly.FromDayNumber((int)_number);

    /// <summary>The period held.</summary>
    public Period AsPeriod => (Period)_reference!;

    /// <summary>The list held, or null.</summary>
    public IValueList? AsList => _reference as IValueList;

    /// <summary>The object held, or null.</summary>
    public object? AsObject => Kind == TypeKind.Object ? _reference : null;

    /// <summary>Value equality for scalars (null equals only null); lists and objects compare by reference.</summary>
    public bool Equals(Value other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            TypeKind.Null => true,
            TypeKind.Number or TypeKind.Boolean or TypeKind.Date => _number.Equals(other._number),
            TypeKind.String => string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal),
            TypeKind.Period => Equals(_reference, other._reference),
            _ => ReferenceEquals(_reference, other._reference),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        TypeKind.Null => 0,
        TypeKind.Number or TypeKind.Boolean or TypeKind.Date => HashCode.Combine(Kind, _number),
        TypeKind.String => StringComparer.Ordinal.GetHashCode((string)_reference!),
        _ => HashCode.Combine(Kind, _reference),
    };

    /// <summary>Equality operator.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Inequality operator.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>How the value reads in a message or a trace: numbers invariant, dates ISO, strings as is.</summary>
    public string ToDisplayString() => Kind switch
    {
        TypeKind.Null => "null",
        TypeKind.Number => _number.ToString("0.############", CultureInfo.InvariantCulture),
        TypeKind.Boolean => AsBoolean ? "true" : "false",
        TypeKind.Date => AsDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TypeKind.String => (string)_reference!,
        TypeKind.Period => AsPeriod.ToString(),
        TypeKind.List => "[" + string.Join(", ", Enumerate(AsList!).Select(v => v.Kind == TypeKind.String ? "\"" + v.AsString + "\"" : v.ToDisplayString())) + "]",
        _ => _reference?.ToString() ?? "null",
    };

    /// <inheritdoc />
    public override string ToString() => ToDisplayString();

    private static IEnumerable<Value> Enumerate(IValueList list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            yield return list[i];
        }
    }
}
