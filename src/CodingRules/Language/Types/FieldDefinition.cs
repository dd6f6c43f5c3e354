namespace CodingRules.Language;

/// <summary>A field of an <see cref="ObjectSchema"/>: name, type, description and the getter used at run time.</summary>
/// <param name="Name">The name used in expressions.</param>
/// <param name="Type">The static type; optional (<see cref="ExprType.IsOptional"/>) when the record need not carry it.</param>
/// <param name="Description">What the field holds, for documentation.</param>
/// <param name="Getter">Reads the field from the runtime object; must not throw and must be thread-safe.</param>
public sealed record FieldDefinition(string Name, ExprType Type, string Description, Func<object, Value> Getter)
{
    /// <summary>For a list field: the most items it can hold (from the input limits), used by the cost estimate.</summary>
    public int? MaxItems { get; init; }
}
