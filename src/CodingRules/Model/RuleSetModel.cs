using System.Collections.Frozen;
using System.Collections.Immutable;
using CodingRules.Language;
using CodingRules.Results;
using CodingRules.Text;

namespace CodingRules.Model;

// Note: the compiled model is one family of small immutable records; they read best together, as a schema would.

/// <summary>The period a rule set version is in force: <see cref="From"/> to <see cref="Until"/>, both inclusive.</summary>
public readonly record struct EffectivePeriod(DateOnly From, DateOnly? Until)
{
    /// <summary>True when <paramref name="date"/> falls inside the period.</summary>
    public bool Contains(DateOnly date) => date >= From && (Until is null || date <= Until);

    /// <inheritdoc />
    public override string ToString() => Until is { } u ? $"{From:yyyy-MM-dd}..{u:yyyy-MM-dd}" : $"{From:yyyy-MM-dd}..";
}

/// <summary>A cited source.</summary>
public sealed record SourceReference(string Id, string Title, string? Url);

/// <summary>A code the rule set may emit, with its paraphrased description.</summary>
public sealed record CodeDefinition(string Code, string Description, bool IsAddOn);

/// <summary>A level of the vocabulary (e.g. L4-L5) with its region and its position in the vocabulary.</summary>
public sealed record Level(string Id, string Region, int Order)
{
    // Note: a known joint's facts depend only on level, side and two flags, so all eight are made once, at load,
    // and evaluation allocates nothing per known joint.
    private readonly JointFacts[] _facts =
    [
        .. from side in new[] { JointFacts.LeftSide, JointFacts.RightSide }
           from duplicate in new[] { false, true }
           from bothSides in new[] { false, true }
           select new JointFacts(Id, side, Region, true, duplicate, Order, bothSides),
    ];

    /// <summary>The shared facts of this level on one side.</summary>
    public JointFacts Facts(bool right, bool duplicate, bool bothSides) =>
        _facts[(right ? 4 : 0) + (duplicate ? 2 : 0) + (bothSides ? 1 : 0)];
}

/// <summary>How sides become modifiers. A null <see cref="Bilateral"/> means both sides are never merged.</summary>
public sealed record Laterality(string? Left, string? Right, string? Bilateral)
{
    /// <summary>The modifiers of a left-side line (built once, shared by every line).</summary>
    public ImmutableArray<string> LeftModifiers { get; } = Left is null ? [] : [Left];

    /// <summary>The modifiers of a right-side line.</summary>
    public ImmutableArray<string> RightModifiers { get; } = Right is null ? [] : [Right];

    /// <summary>The modifiers of a line for both sides.</summary>
    public ImmutableArray<string> BilateralModifiers { get; } = Bilateral is null ? [] : [Bilateral];
}

/// <summary>How a ladder step counts units.</summary>
public enum UnitMode
{
    /// <summary>One unit per joint at the step's positions.</summary>
    PerJoint,

    /// <summary>One unit in total when any joint reaches the step's positions.</summary>
    Once,
}

/// <summary>One rung of an add-on ladder: the code reported for the joints at positions <see cref="From"/>..<see cref="To"/> of a side.</summary>
public sealed record LadderStep(string Code, int From, int? To, UnitMode Units)
{
    /// <summary>True when the 1-based position falls on this step.</summary>
    public bool Covers(int position) => position >= From && (To is null || position <= To);
}

/// <summary>A group of regions coded together with one primary code and its add-on ladder.</summary>
public sealed record CodeFamily(string Id, string Title, ImmutableArray<string> Regions, ImmutableArray<LadderStep> Ladder);

/// <summary>Where a check applies.</summary>
public enum CheckScope
{
    /// <summary>Once per procedure.</summary>
    Procedure,

    /// <summary>Once per joint (per side).</summary>
    Joint,
}

/// <summary>What a check does when its condition holds, besides raising its finding.</summary>
public enum EffectKind
{
    /// <summary>Only the finding.</summary>
    Finding,

    /// <summary>The procedure gets no lines and no later check runs.</summary>
    Stop,

    /// <summary>The procedure's lines are replaced by one line of another code.</summary>
    Replace,
}

/// <summary>A check's effect.</summary>
public sealed record CheckEffect(EffectKind Kind, string? Code, int Units)
{
    /// <summary>The default effect: a finding only.</summary>
    public static CheckEffect FindingOnly { get; } = new(EffectKind.Finding, null, 0);
}

/// <summary>A compiled check: condition, finding and effect.</summary>
public sealed record Check(
    string Id,
    string Finding,
    FindingSeverity Severity,
    string Category,
    CheckScope Scope,
    CompiledExpression When,
    MessageTemplate Message,
    string? Source,
    CheckEffect Effect,
    SourceLocation Location);

/// <summary>
/// One compiled rule set version. Immutable and safe to evaluate from many threads.
/// </summary>
public sealed record RuleSet(
    string Id,
    string Version,
    string Kind,
    string Title,
    string Summary,
    EffectivePeriod Effective,
    ImmutableArray<string> Handles,
    FrozenDictionary<string, SourceReference> Sources,
    FrozenDictionary<string, CodeDefinition> Codes,
    FrozenDictionary<string, Level> Levels,
    Laterality Laterality,
    ImmutableArray<CodeFamily> Families,
    FrozenDictionary<string, CodeFamily> FamilyByRegion,
    ImmutableArray<Check> Checks,
    string Sha256,
    SourceLocation Location)
{
    /// <summary>Frame slots an evaluation of any expression of this rule set needs.</summary>
    public int SlotCount { get; init; }

    /// <summary>The rule set use recorded in results.</summary>
    public RuleSetUse Use { get; } = new(Id, Version, Sha256);
}
