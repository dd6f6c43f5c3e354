using System.Collections.Immutable;

namespace CodingRules.Encounters;

/// <summary>
/// One documented procedure of an encounter. <see cref="Kind"/> selects the rule sets that code it; the other
/// fields are facts the rules read. Optional facts are null when the record does not carry them.
/// </summary>
public sealed record Procedure(
    string Kind,
    string? Technique,
    double? TemperatureCelsius,
    string? Imaging,
    string? Purpose,
    Side? Side,
    ImmutableArray<JointTarget> Joints)
{
    /// <summary>Nerves lesioned, when the note names nerves instead of (or as well as) joints; empty otherwise.</summary>
    public ImmutableArray<NerveTarget> Nerves { get; init; } = [];
}
