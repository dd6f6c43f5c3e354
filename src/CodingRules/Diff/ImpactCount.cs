namespace CodingRules.Diff;

/// <summary>
/// How many changed encounters a code (or finding id) differs in: <see cref="Encounters"/> where its lines (or its
/// findings) differ, of which <see cref="Before"/> had it under the rules before and <see cref="After"/> have it
/// under the rules after.
/// </summary>
public sealed record ImpactCount(string Key, int Encounters, int Before, int After);
