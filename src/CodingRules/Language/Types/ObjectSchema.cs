using System.Collections.Frozen;

namespace CodingRules.Language;

/// <summary>
/// Describes a record type the expressions can read: its name and fields. Each field has a type and a getter
/// that reads it from the runtime object. Built once by the host that supplies the facts; immutable afterwards.
/// </summary>
public sealed class ObjectSchema
{
    private FrozenDictionary<string, FieldDefinition> _fields = FrozenDictionary<string, FieldDefinition>.Empty;

    /// <summary>Creates an empty schema; fields are added with <see cref="Define"/> (possibly recursively).</summary>
    public ObjectSchema(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The type name, e.g. <c>joint</c>.</summary>
    public string Name { get; }

    /// <summary>What the object stands for (for documentation and completion).</summary>
    public string Description { get; }

    /// <summary>The fields by name.</summary>
    public IReadOnlyDictionary<string, FieldDefinition> Fields => _fields;

    /// <summary>The fields in the order they were defined (for documentation).</summary>
    public IReadOnlyList<FieldDefinition> FieldsInOrder { get; private set; } = [];

    /// <summary>Defines the fields. Called once, before the schema is used; not thread-safe.</summary>
    public ObjectSchema Define(params FieldDefinition[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        FieldsInOrder = [.. fields];
        return this;
    }

    /// <summary>Looks up a field.</summary>
    public bool TryGetField(string name, out FieldDefinition field) => _fields.TryGetValue(name, out field!);
}
