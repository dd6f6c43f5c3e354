namespace CodingRules.Results;

/// <summary>Names a rule set version that contributed to a result, with the hash of its canonical content.</summary>
public sealed record RuleSetUse(string Id, string Version, string Sha256);
