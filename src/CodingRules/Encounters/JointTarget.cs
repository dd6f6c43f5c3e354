namespace CodingRules.Encounters;

/// <summary>
/// A joint the procedure targeted, as documented: a level name (normalised, e.g. <c>L4-5</c> becomes <c>L4-L5</c>)
/// and a side. Whether the level names a joint the rules know is decided by the rule set's vocabulary.
/// </summary>
public sealed record JointTarget(string Level, Side Side);
