using CodingRules.Text;

namespace CodingRules.Diff;

/// <summary>
/// One semantic difference between two rule versions, in the domain's words: what kind of change, where (rule
/// set, version, area such as <c>check</c> or <c>ladder</c>, and the item's id), the value before and after, a
/// sentence for people, and the file locations on each side.
/// </summary>
public sealed record RuleChange(
    ChangeKind Kind,
    string RuleSet,
    string Version,
    string Area,
    string Item,
    string? Before,
    string? After,
    string Summary,
    SourceLocation? BeforeLocation,
    SourceLocation? AfterLocation);
