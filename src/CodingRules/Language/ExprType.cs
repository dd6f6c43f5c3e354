namespace CodingRules.Language;

/// <summary>
/// The static type of an expression. Primitive types are singletons; list types carry their element type and
/// object types their <see cref="ObjectSchema"/>. Immutable.
/// </summary>
public sealed record ExprType
{
    private ExprType(TypeKind kind, ExprType? element, ObjectSchema? schema)
    {
        Kind = kind;
        Element = element;
        Schema = schema;
    }

    /// <summary>The kind of value.</summary>
    public TypeKind Kind { get; }

    /// <summary>For a list, the element type.</summary>
    public ExprType? Element { get; }

    /// <summary>For an object, its fields.</summary>
    public ObjectSchema? Schema { get; }

    /// <summary>The type of <c>null</c>.</summary>
    public static ExprType Null { get; } = new(TypeKind.Null, null, null);

    /// <summary>Text.</summary>
    public static ExprType String { get; } = new(TypeKind.String, null, null);

    /// <summary>Numbers.</summary>
    public static ExprType Number { get; } = new(TypeKind.Number, null, null);

    /// <summary>Booleans.</summary>
    public static ExprType Boolean { get; } = new(TypeKind.Boolean, null, null);

    /// <summary>Dates.</summary>
    public static ExprType Date { get; } = new(TypeKind.Date, null, null);

    /// <summary>Periods of days, months or years.</summary>
    public static ExprType Period { get; } = new(TypeKind.Period, null, null);

    /// <summary>A list of <paramref name="element"/>.</summary>
    public static ExprType ListOf(ExprType element) => new(TypeKind.List, element, null);

    /// <summary>An object described by <paramref name="schema"/>.</summary>
    public static ExprType ObjectOf(ObjectSchema schema) => new(TypeKind.Object, null, schema);

    /// <summary>True for types whose values can be compared for equality and put in lists literally.</summary>
    public bool IsScalar => Kind is TypeKind.String or TypeKind.Number or TypeKind.Boolean or TypeKind.Date;

    /// <summary>The name shown in diagnostics, e.g. <c>list&lt;joint&gt;</c>.</summary>
    public string Name => Kind switch
    {
        TypeKind.List => $"list<{Element!.Name}>",
        TypeKind.Object => Schema!.Name,
        _ => Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Structural equality (object types compare by schema identity).</summary>
    public bool Equals(ExprType? other) =>
        other is not null && Kind == other.Kind && Equals(Element, other.Element) && ReferenceEquals(Schema, other.Schema);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Element, Schema?.Name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
