using System.Collections.Immutable;
using CodingRules.Loading;

namespace CodingRules.Composition;

/// <summary>
/// A rule set version as composed from its file, the template chain it extends and the libraries it imports: one
/// document whose every node keeps the file it was written in, the parameters with their values, and the bases it
/// was built on (for the content hash and <c>versions</c>). What the model compiles. Immutable.
/// </summary>
/// <param name="File">The rule set's own file.</param>
/// <param name="Document">The composed document (the rule set's own file at its root).</param>
/// <param name="Parameters">Every declared parameter with its value (set by <c>with:</c> or its default).</param>
/// <param name="Extends">The base named by <c>extends</c> (<c>id@version</c>), or null.</param>
/// <param name="Bases">Every base the composition read, in order: templates as <c>id@version</c>, libraries as <c>library id</c>.</param>
public sealed record ComposedRuleSet(
    RuleDocument File,
    DocMapping Document,
    ImmutableArray<ParameterValue> Parameters,
    string? Extends,
    ImmutableArray<string> Bases)
{
    /// <summary>True when a file it was built from had errors: compiled for its diagnostics only, never kept.</summary>
    public bool HasErrors { get; init; }

    /// <summary>True when nothing was composed: no base, no import, no parameter.</summary>
    public bool IsFlat => Bases.IsEmpty && Parameters.IsEmpty;
}

/// <summary>The types a parameter can have.</summary>
public enum ParameterType
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A date, YYYY-MM-DD.</summary>
    Date,

    /// <summary>A list of texts.</summary>
    StringList,

    /// <summary>A list of numbers.</summary>
    NumberList,
}

/// <summary>
/// A declared parameter of a template and the value an extending file gave it (<see cref="Value"/>, the node as
/// written; null only while composing). <see cref="Declared"/> and <see cref="SetAt"/> locate both.
/// </summary>
public sealed record ParameterValue(string Name, ParameterType Type, string Description, DocNode Declared, DocNode? Value, DocNode? SetAt);
