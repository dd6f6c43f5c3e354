using System.Collections.Immutable;

namespace CodingRules.Results;

/// <summary>
/// A derived claim line: code, modifiers, units, the joint levels it covers and the rule (family or check id)
/// that produced it.
/// </summary>
public sealed record CodedLine(string Code, ImmutableArray<string> Modifiers, int Units, ImmutableArray<string> Joints, string Rule)
{
    /// <summary>Formats as <c>CODE-MODIFIER xUNITS</c> (code, modifiers joined by '-', units).</summary>
    public override string ToString() =>
        Modifiers.IsDefaultOrEmpty ? $"{Code} x{Units}" : $"{Code}-{string.Join('-', Modifiers)} x{Units}";
}
