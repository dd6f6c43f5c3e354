namespace CodingRules.Language;

/// <summary>A field of an <see cref="ObjectSchema"/>: name, type, description and the getter used at run time.</summary>
/// <param name="Name">The name used in expressions.</param>
/// <param name="Type">The static type.</param>
/// <param name="Description">What the field holds, for documentation.</param>
/// <param name="Getter">Reads the field from the runtime object; must not throw and must be thread-safe.</param>
public sealed record FieldDefinition(string Name, ExprType Type, string Description, Func<object, Value> Getter);
