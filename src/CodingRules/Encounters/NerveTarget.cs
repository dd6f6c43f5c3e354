namespace CodingRules.Encounters;

/// <summary>
/// A nerve the procedure lesioned, as documented (e.g. <c>L3 medial branch</c>, right). Which joints it supplies is
/// decided by the rule set's vocabulary, not by the contract.
/// </summary>
public sealed record NerveTarget(string Nerve, Side Side);
