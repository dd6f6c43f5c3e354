namespace CodingRules.Loading;

/// <summary>
/// Limits that keep loading bounded whatever a file contains. Anchors and aliases are refused outright, which
/// rules out alias bombs.
/// </summary>
public static class LoadLimits
{
    /// <summary>Largest rule or test file read, in bytes (4 MiB).</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public const int MaxDepth = 64;

    /// <summary>Longest scalar, in characters.</summary>
    public const int MaxScalarLength = 100_000;

    /// <summary>Most nodes in one document.</summary>
    public const int MaxNodes = 200_000;
}
