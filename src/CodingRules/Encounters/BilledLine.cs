using System.Collections.Immutable;

namespace CodingRules.Encounters;

/// <summary>A claim line as billed by the provider (compared with the derived lines by later claim audits).</summary>
public sealed record BilledLine(string Code, ImmutableArray<string> Modifiers, int Units);
