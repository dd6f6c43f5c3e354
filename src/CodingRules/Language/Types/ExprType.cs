namespace CodingRules.Language;

/// <summary>
/// The static type of an expression. Primitive types are singletons; list types carry their element type and
/// object types their <see cref="ObjectSchema"/>. A type is <see cref="IsOptional"/> when its value may be missing
/// (a fact the record need not carry, the smallest element of a possibly empty list); the checker allows ordering
/// comparisons only on values that cannot be missing, so a missing value never silently makes a condition false.
/// Immutable.
/// </summary>
public sealed class ExprType : IEquatable<ExprType>
{
    private ExprType(TypeKind kind, ExprType? element, ObjectSchema? schema, bool optional)
    {
        Kind = kind;
        Element = element;
        Schema = schema;
        IsOptional = optional || kind == TypeKind.Null;
    }

    /// <summary>The kind of value.</summary>
    public TypeKind Kind { get; }

    /// <summary>For a list, the element type.</summary>
    public ExprType? Element { get; }

    /// <summary>For an object, its fields.</summary>
    public ObjectSchema? Schema { get; }

    /// <summary>True when a value of this type may be missing (always true for the type of <c>null</c>).</summary>
    public bool IsOptional { get; }

    /// <summary>The type of <c>null</c>: a value that is always missing.</summary>
    public static ExprType Null { get; } = new(TypeKind.Null, null, null, true);

    /// <summary>Text.</summary>
    public static ExprType String { get; } = new(TypeKind.String, null, null, false);

    /// <summary>Numbers.</summary>
    public static ExprType Number { get; } = new(TypeKind.Number, null, null, false);

    /// <summary>Booleans.</summary>
    public static ExprType Boolean { get; } = new(TypeKind.Boolean, null, null, false);

    /// <summary>Dates.</summary>
    public static ExprType Date { get; } = new(TypeKind.Date, null, null, false);

    /// <summary>Periods of days, months or years.</summary>
    public static ExprType Period { get; } = new(TypeKind.Period, null, null, false);

    /// <summary>Text that may be missing.</summary>
    public static ExprType OptionalString { get; } = String.AsOptional();

    /// <summary>A number that may be missing.</summary>
    public static ExprType OptionalNumber { get; } = Number.AsOptional();

    /// <summary>A list of <paramref name="element"/> (a list itself is never missing: an absent list is empty).</summary>
    public static ExprType ListOf(ExprType element) => new(TypeKind.List, element, null, false);

    /// <summary>An object described by <paramref name="schema"/>.</summary>
    public static ExprType ObjectOf(ObjectSchema schema) => new(TypeKind.Object, null, schema, false);

    /// <summary>The same type, but whose value may be missing.</summary>
    public ExprType AsOptional() => IsOptional ? this : new(Kind, Element, Schema, true);

    /// <summary>The same type, known to be present (the type of <c>null</c> stays as it is).</summary>
    public ExprType AsPresent() => !IsOptional || Kind == TypeKind.Null ? this : new(Kind, Element, Schema, false);

    /// <summary>True for types whose values can be compared for equality and put in lists literally.</summary>
    public bool IsScalar => Kind is TypeKind.String or TypeKind.Number or TypeKind.Boolean or TypeKind.Date;

    /// <summary>The name shown in diagnostics, e.g. <c>list&lt;joint&gt;</c>; a type that may be missing ends in <c>?</c>.</summary>
    public string Name => (Kind switch
    {
        TypeKind.List => $"list<{Element!.Name}>",
        TypeKind.Object => Schema!.Name,
        TypeKind.Null => "null",
        _ => Kind.ToString().ToLowerInvariant(),
    }) + (IsOptional && Kind != TypeKind.Null ? "?" : string.Empty);

    /// <summary>True when both are the same type apart from whether the value may be missing.</summary>
    public bool SameShape(ExprType other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && ReferenceEquals(Schema, other.Schema)
            && (Element is null ? other.Element is null : other.Element is not null && Element.Equals(other.Element));
    }

    /// <summary>Structural equality (object types compare by schema identity; optionality counts).</summary>
    public bool Equals(ExprType? other) => other is not null && IsOptional == other.IsOptional && SameShape(other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExprType t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Element, Schema?.Name, IsOptional);

    /// <inheritdoc />
    public override string ToString() => Name;
}
