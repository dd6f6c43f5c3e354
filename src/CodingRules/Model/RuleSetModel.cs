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

/// <summary>Spans of a rule file's identity entries (null when absent), used to place catalog diagnostics.</summary>
public sealed record RuleSetSpans(SourceSpan? RuleSet, SourceSpan? Version, SourceSpan? Kind, SourceSpan? From, SourceSpan? Until)
{
    /// <summary>No spans known.</summary>
    public static RuleSetSpans None { get; } = new(null, null, null, null, null);
}

/// <summary>A cited source.</summary>
public sealed record SourceReference(string Id, string Title, string? Url);

/// <summary>A code the rule set may emit, with its paraphrased description.</summary>
public sealed record CodeDefinition(string Code, string Description, bool IsAddOn);

/// <summary>
/// A target of the vocabulary with its region and its position in the vocabulary: a joint level (e.g. L4-L5, with
/// the nerves that supply it) or a nerve (e.g. L3 medial branch, with no supply of its own).
/// </summary>
public sealed record Level(string Id, string Region, int Order)
{
    /// <summary>For a joint: the nerves that supply it (all must be lesioned on a side for the joint to count as treated).</summary>
    public ImmutableArray<string> Supply { get; init; } = [];

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

/// <summary>What a family counts.</summary>
public enum TargetKind
{
    /// <summary>Joints (levels), one per side.</summary>
    Joints,

    /// <summary>Nerves, one per side: the nerves lesioned, or those supplying the joints documented.</summary>
    Nerves,
}

/// <summary>
/// A group of regions coded together with one primary code and its add-on ladder. A family with a condition
/// applies only when it holds; a region is coded by the first family, in file order, that applies and names it.
/// </summary>
public sealed record CodeFamily(string Id, string Title, ImmutableArray<string> Regions, ImmutableArray<LadderStep> Ladder)
{
    /// <summary>When present, the family applies only to procedures for which this holds.</summary>
    public CompiledExpression? When { get; init; }

    /// <summary>Joints (the default) or nerves.</summary>
    public TargetKind Counts { get; init; } = TargetKind.Joints;
}

/// <summary>A line added when its condition holds (e.g. imaging guidance reported separately), after the family lines.</summary>
public sealed record ExtraLine(string Id, CompiledExpression When, string Code, int Units, SourceLocation Location);

/// <summary>Where a check applies.</summary>
public enum CheckScope
{
    /// <summary>Once per procedure.</summary>
    Procedure,

    /// <summary>Once per joint (per side).</summary>
    Joint,

    /// <summary>Once per nerve (per side) the procedure documents.</summary>
    Nerve,

    /// <summary>Once per session: the procedures of the encounter that the rule set handles, grouped by region.</summary>
    Session,

    /// <summary>Once per billed line (claim audits).</summary>
    Billed,

    /// <summary>Once per derived line (claim audits).</summary>
    Line,
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

    /// <summary>A modifier is appended to the procedure's lines (of the listed codes, or all).</summary>
    AddModifier,

    /// <summary>The procedure's lines of one code are re-coded to another (e.g. a junction rule).</summary>
    Recode,
}

/// <summary>
/// A check's effect. <see cref="Code"/> and <see cref="Units"/> serve <c>replace</c>; <see cref="Modifier"/> and
/// <see cref="Codes"/> serve <c>addModifier</c>; <see cref="From"/> and <see cref="Code"/> serve <c>recode</c>.
/// </summary>
public sealed record CheckEffect(EffectKind Kind, string? Code, int Units)
{
    /// <summary>The modifier appended by <c>addModifier</c>.</summary>
    public string? Modifier { get; init; }

    /// <summary>The codes whose lines <c>addModifier</c> touches (all lines when empty).</summary>
    public ImmutableArray<string> Codes { get; init; } = [];

    /// <summary>The code <c>recode</c> replaces.</summary>
    public string? From { get; init; }

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
    ImmutableArray<Check> Checks,
    string Sha256,
    SourceLocation Location)
{
    /// <summary>Frame slots an evaluation of any expression of this rule set needs.</summary>
    public int SlotCount { get; init; }

    /// <summary>Where the version's places are in its file, for catalog diagnostics.</summary>
    public RuleSetSpans Spans { get; init; } = RuleSetSpans.None;

    /// <summary>
    /// True when <see cref="Effective"/>'s end was not written but derived by the catalog: a version without
    /// <c>until</c> ends the day before the next version of the same rule set starts.
    /// </summary>
    public bool UntilDerived { get; init; }

    /// <summary>The <c>until</c> written in the file, if any.</summary>
    public DateOnly? DeclaredUntil { get; init; }

    /// <summary>Nerves of the vocabulary by name.</summary>
    public FrozenDictionary<string, Level> Nerves { get; init; } = FrozenDictionary<string, Level>.Empty;

    /// <summary>
    /// For whole-joint procedures: the level a procedure treats when it documents a side but no joints or nerves.
    /// </summary>
    public string? WholeJointLevel { get; init; }

    /// <summary>Lines added by condition after the family lines.</summary>
    public ImmutableArray<ExtraLine> ExtraLines { get; init; } = [];

    /// <summary>For a policy: the payer ids it applies to.</summary>
    public ImmutableArray<string> Payers { get; init; } = [];

    /// <summary>True when some family counts nerves (so evaluation works out nerve targets); decided at load.</summary>
    public bool CountsNerves { get; } = Families.Any(f => f.Counts == TargetKind.Nerves);

    /// <summary>The levels that nerves supply, in vocabulary order (picked once, at load, for nerve mapping).</summary>
    public ImmutableArray<Level> SuppliedLevels { get; } = [.. Levels.Values.Where(l => !l.Supply.IsEmpty).OrderBy(l => l.Order)];

    /// <summary>The checks with session scope, in file order (picked once, at load).</summary>
    public ImmutableArray<Check> SessionChecks { get; } = [.. Checks.Where(c => c.Scope == CheckScope.Session)];

    /// <summary>The rule set use recorded in results.</summary>
    public RuleSetUse Use => Uses[0];

    /// <summary>This rule set's use alone, as most results list it (made once, shared by every result).</summary>
    public ImmutableArray<RuleSetUse> Uses { get; } = [new(Id, Version, Sha256)];
}
