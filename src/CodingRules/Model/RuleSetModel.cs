using System.Collections.Frozen;
using System.Collections.Immutable;
using CodingRules.Encounters;
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

    /// <summary>The title's text, in whichever file wrote it (a template, say).</summary>
    public SourceSpan? Title { get; init; }

    /// <summary>The summary's text, in whichever file wrote it.</summary>
    public SourceSpan? Summary { get; init; }

    /// <summary>The value of <c>combineEntries</c>, where written.</summary>
    public SourceSpan? CombineEntries { get; init; }

    /// <summary>The value of <c>useRegionGroups</c>, where written.</summary>
    public SourceSpan? UseRegionGroups { get; init; }
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

    /// <summary>The region the vocabulary gives the level or nerve; <see cref="Region"/> is its group when the rule set uses region groups.</summary>
    public string VocabularyRegion { get => field ?? Region; init; }

    // Note: a known joint's facts depend only on level, side and two flags, so all eight are made once, on first use,
    // and evaluation allocates nothing per known joint.
    private static readonly bool[] Flags = [false, true];

    private Derived<Level, JointFacts[]>? _facts;

    /// <summary>The shared facts of this level on one side.</summary>
    public JointFacts Facts(bool right, bool duplicate, bool bothSides) =>
        Derived<Level, JointFacts[]>.Get(ref _facts, this, static level =>
        [
            .. from side in new[] { Side.Left, Side.Right }
               from duplicate in Flags
               from bothSides in Flags
               select new JointFacts(level.Id, side, level.Region, true, duplicate, level.Order, bothSides),
        ])[(right ? 4 : 0) + (duplicate ? 2 : 0) + (bothSides ? 1 : 0)];
}

/// <summary>How sides become modifiers. A null <see cref="Bilateral"/> means both sides are never merged.</summary>
public sealed record Laterality(string? Left, string? Right, string? Bilateral)
{
    private Derived<Laterality, (ImmutableArray<string> Left, ImmutableArray<string> Right, ImmutableArray<string> Both)>? _modifiers;

    /// <summary>The modifiers of a left-side line (built once, shared by every line).</summary>
    public ImmutableArray<string> LeftModifiers => Modifiers.Left;

    /// <summary>The modifiers of a right-side line.</summary>
    public ImmutableArray<string> RightModifiers => Modifiers.Right;

    /// <summary>The modifiers of a line for both sides.</summary>
    public ImmutableArray<string> BilateralModifiers => Modifiers.Both;

    private (ImmutableArray<string> Left, ImmutableArray<string> Right, ImmutableArray<string> Both) Modifiers =>
        Derived<Laterality, (ImmutableArray<string>, ImmutableArray<string>, ImmutableArray<string>)>.Get(ref _modifiers, this, static l =>
            (l.Left is null ? [] : [l.Left], l.Right is null ? [] : [l.Right], l.Bilateral is null ? [] : [l.Bilateral]));
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

/// <summary>
/// What a check does when its condition holds, besides raising its finding: a closed set of small records, one per
/// effect a rule file can name (<see cref="Name"/> is that name).
/// </summary>
public abstract record CheckEffect
{
    private protected CheckEffect()
    {
    }

    /// <summary>The default effect: a finding only.</summary>
    public static CheckEffect FindingOnly { get; } = new FindingOnlyEffect();

    /// <summary>The effect's name in a rule file (<c>stop</c>, <c>exclude</c>, <c>replace</c>, <c>addModifier</c>, <c>recode</c>).</summary>
    public abstract string Name { get; }

    /// <summary>True for effects that change a procedure's lines (only a check of procedure scope may have one, or of joint scope for <see cref="ExcludeEffect"/>).</summary>
    public bool ChangesLines => this is not FindingOnlyEffect;
}

/// <summary>Only the finding.</summary>
public sealed record FindingOnlyEffect : CheckEffect
{
    internal FindingOnlyEffect()
    {
    }

    /// <inheritdoc />
    public override string Name => "finding";
}

/// <summary>The procedure gets no lines and no later check runs (coding rule sets).</summary>
public sealed record StopEffect : CheckEffect
{
    /// <inheritdoc />
    public override string Name => "stop";
}

/// <summary>The joint a joint-scope check fired for is left out of the counting: it gets no line (coding rule sets).</summary>
public sealed record ExcludeEffect : CheckEffect
{
    /// <inheritdoc />
    public override string Name => "exclude";
}

/// <summary>The procedure's lines are replaced by one line of <see cref="Code"/> (coding rule sets).</summary>
public sealed record ReplaceEffect(string Code, int Units) : CheckEffect
{
    /// <inheritdoc />
    public override string Name => "replace";
}

/// <summary><see cref="Modifier"/> is appended to the procedure's lines of <see cref="Codes"/> (all when empty; policies).</summary>
public sealed record AddModifierEffect(string Modifier, ImmutableArray<string> Codes) : CheckEffect
{
    /// <inheritdoc />
    public override string Name => "addModifier";
}

/// <summary>The procedure's lines of code <see cref="From"/> are re-coded to <see cref="To"/> (policies, e.g. a junction rule).</summary>
public sealed record RecodeEffect(string From, string To) : CheckEffect
{
    /// <inheritdoc />
    public override string Name => "recode";
}

/// <summary>
/// The procedure's lines of the coding family <see cref="Family"/> are coded again with the family's first
/// <see cref="After"/> ladder positions taken, so its targets count from position <c>After + 1</c> (policies, e.g. a
/// junction rule: a thoracic level counted as the first level of the lumbar session).
/// </summary>
public sealed record RecountEffect(string Family, int After) : CheckEffect
{
    /// <inheritdoc />
    public override string Name => "recount";
}

/// <summary>
/// A parameter of a composed rule set: its name, type and value (known at load), and where the value is written (the
/// <c>with:</c> entry that set it, or the declaration whose default it kept).
/// </summary>
public sealed record RuleSetParameter(string Name, ExprType Type, Value Value, SourceLocation Location);

/// <summary>The names a rule set's expressions, messages and texts read: definitions (directly or through another) and parameters.</summary>
public sealed record RuleSetReads(ImmutableHashSet<string> Definitions, ImmutableHashSet<string> Parameters)
{
    /// <summary>Nothing read.</summary>
    public static RuleSetReads None { get; } = new([], []);
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
    SourceLocation Location)
{
    /// <summary>Where the condition is written (a template's, when an extending file changed only the message).</summary>
    public SourceLocation ConditionLocation { get; init; } = Location;

    /// <summary>
    /// The file and line the check is written at, <c>path:line</c> (a template's or a library's for an inherited
    /// check), as findings name it.
    /// </summary>
    public string DefinedIn { get; } = $"{Location.Path}:{Location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

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

    /// <summary>
    /// Coding: the procedure entries of a handled kind that differ only in their targets (joints, nerves, side) are
    /// one session, coded together (<c>combineEntries: true</c>).
    /// </summary>
    public bool CombineEntries { get; init; }

    /// <summary>The look-up tables written in the rule files (text key to number), by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Language.Value>> Tables { get; init; } =
        System.Collections.Immutable.ImmutableDictionary<string, IReadOnlyDictionary<string, Language.Value>>.Empty;

    /// <summary>The tables read from data files, in file order of their declarations.</summary>
    public System.Collections.Immutable.ImmutableArray<DataTable> DataTables { get; init; } = [];

    /// <summary>
    /// When this holds for a procedure (<c>laterality.separateSidesWhen</c>), a level treated on both sides is reported
    /// as a right and a left line instead of one line with the bilateral modifier (a facility claim, say); null: never.
    /// </summary>
    public Language.CompiledExpression? SeparateSidesWhen { get; init; }

    /// <summary>The regions of this rule set's levels and nerves are the vocabulary's region groups (<c>useRegionGroups: true</c>).</summary>
    public bool UsesRegionGroups { get; init; }

    /// <summary>Lines added by condition after the family lines.</summary>
    public ImmutableArray<ExtraLine> ExtraLines { get; init; } = [];

    /// <summary>For a policy: the payer ids it applies to.</summary>
    public ImmutableArray<string> Payers { get; init; } = [];

    /// <summary>The base this version extends (<c>id@version</c>), or null.</summary>
    public string? Extends { get; init; }

    /// <summary>Every base the version was composed from: templates as <c>id@version</c>, libraries as <c>library id</c>.</summary>
    public ImmutableArray<string> Bases { get; init; } = [];

    /// <summary>The named definitions its expressions may use.</summary>
    public ImmutableArray<ExpressionDefinition> Definitions { get; init; } = [];

    /// <summary>The definitions and parameters its expressions, messages and texts read (for <c>lint</c>).</summary>
    public RuleSetReads Reads { get; init; } = RuleSetReads.None;

    /// <summary>The parameters it was composed with.</summary>
    public ImmutableArray<RuleSetParameter> Parameters { get; init; } = [];

    /// <summary>
    /// Where each keyed item of the composed rule set is written (a source, code, level, nerve, region, family, check,
    /// extra line, table, definition or laterality entry, by area and key): in a template or library as often as in
    /// the rule set's own file. <c>diff</c> locates changes with it.
    /// </summary>
    public ImmutableDictionary<(string Area, string Item), SourceLocation> ItemLocations { get; init; } =
        ImmutableDictionary<(string Area, string Item), SourceLocation>.Empty;

    /// <summary>Where the item <paramref name="item"/> of <paramref name="area"/> is written; null when unknown.</summary>
    public SourceLocation? WrittenAt(string area, string item) =>
        ItemLocations.TryGetValue((area, item), out var location) ? location : null;

    private Derived<RuleSet, Index>? _index;

    /// <summary>True when some family counts nerves (so evaluation works out nerve targets).</summary>
    public bool CountsNerves => Indexed.CountsNerves;

    /// <summary>The levels that nerves supply, in vocabulary order (picked once, for nerve mapping).</summary>
    public ImmutableArray<Level> SuppliedLevels => Indexed.SuppliedLevels;

    /// <summary>The checks with session scope, in file order (picked once).</summary>
    public ImmutableArray<Check> SessionChecks => Indexed.SessionChecks;

    /// <summary>The rule set use recorded in results.</summary>
    public RuleSetUse Use => Indexed.Uses[0];

    /// <summary>This rule set's use alone, as most results list it (made once, shared by every result).</summary>
    public ImmutableArray<RuleSetUse> Uses => Indexed.Uses;

    // Note: derived from the properties on first use and kept for this instance only (see Derived), so a copy made
    // with 'with' (the catalog derives end dates that way) never reads another version's checks or hash.
    private Index Indexed => Derived<RuleSet, Index>.Get(ref _index, this, static r => new Index(
        r.Families.Any(f => f.Counts == TargetKind.Nerves),
        [.. r.Levels.Values.Where(l => !l.Supply.IsEmpty).OrderBy(l => l.Order)],
        [.. r.Checks.Where(c => c.Scope == CheckScope.Session)],
        [new(r.Id, r.Version, r.Sha256)]));

    private sealed record Index(bool CountsNerves, ImmutableArray<Level> SuppliedLevels, ImmutableArray<Check> SessionChecks, ImmutableArray<RuleSetUse> Uses);
}
