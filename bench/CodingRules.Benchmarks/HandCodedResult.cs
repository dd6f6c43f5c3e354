namespace CodingRules.Benchmarks;

/// <summary>What the hand-coded baseline derives for one encounter: claim lines and the ids of the findings.</summary>
internal sealed record HandCodedResult(string EncounterId, List<HandCodedLine> Lines, List<string> Findings);
