namespace CodingRules.Benchmarks;

/// <summary>A claim line as the hand-coded baseline derives it: code, modifier (null for none) and units.</summary>
internal readonly record struct HandCodedLine(string Code, string? Modifier, int Units);
