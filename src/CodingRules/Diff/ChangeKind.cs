namespace CodingRules.Diff;

/// <summary>What happened to an item between the two sides.</summary>
public enum ChangeKind
{
    /// <summary>Present only after.</summary>
    Added,

    /// <summary>Present only before.</summary>
    Removed,

    /// <summary>Present on both sides, with a different value.</summary>
    Changed,
}
