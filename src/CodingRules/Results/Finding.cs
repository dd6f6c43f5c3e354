namespace CodingRules.Results;

/// <summary>
/// A finding a rule raised for an encounter: its stable id (from the rule file), severity, category, the
/// formatted message, and where it came from (rule set, version, check id, cited source id).
/// </summary>
public sealed record Finding(
    string Id,
    FindingSeverity Severity,
    string Category,
    string Message,
    string RuleSet,
    string Version,
    string Rule,
    string? Source)
{
    /// <summary>Where the check that raised it is written, <c>path:line</c> (a template or library for an inherited check); null for the engine's own findings.</summary>
    public string? DefinedIn { get; init; }

    /// <summary>For a claim-audit finding about a billed line: that line's position on the claim (0-based).</summary>
    public int? BilledLine { get; init; }
}
