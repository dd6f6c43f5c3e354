namespace CodingRules.Benchmarks;

/// <summary>
/// What the Microsoft RulesEngine workflow decides for one procedure: the primary codes (one per code family
/// treated, or the unlisted code) and the add-on units (all further joints, a bilateral pair counting one unit).
/// </summary>
internal sealed record RulesEngineOutcome(List<string> PrimaryCodes, int AddOnUnits);
