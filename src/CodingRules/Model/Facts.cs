using CodingRules.Encounters;
using CodingRules.Language;

namespace CodingRules.Model;

// Note: the three fact records and their schemas are one unit: the schema's getters must match the records.

/// <summary>
/// The encounter as the expressions see it. Built per evaluation and rule set (history joints are resolved against
/// the rule set's vocabulary, on first use). Not shared between threads.
/// </summary>
public sealed class EncounterFacts(
    Encounter encounter, IValueList procedures, RuleSet? vocabulary = null, Func<HistoryEntry, RuleSet, HistoryFacts>? resolveHistory = null)
{
    private IValueList? _history;

    /// <summary>The encounter read from input.</summary>
    public Encounter Encounter { get; } = encounter;

    /// <summary>The procedures as facts.</summary>
    public IValueList Procedures { get; } = procedures;

    /// <summary>The derived lines after coding and policies (set for claim audits).</summary>
    public IValueList Lines { get; set; } = ValueList.Empty;

    /// <summary>The codes declared by the coding rule sets in force on the date of service (set for claim audits).</summary>
    public IValueList ValidCodes { get; set; } = ValueList.Empty;

    /// <summary>The billed lines as facts (made on first use).</summary>
    public IValueList Billed => _billed ??= Encounter.Billed.IsDefaultOrEmpty
        ? ValueList.Empty
        : new ObjectList<BilledFacts>([.. Encounter.Billed.Select((b, i) => new BilledFacts(b, i))]);

    private IValueList? _billed;

    /// <summary>The history entries as facts, resolved on first use.</summary>
    public IValueList History => _history ??= Encounter.History.IsDefaultOrEmpty || resolveHistory is null || vocabulary is null
        ? ValueList.Empty
        : new ObjectList<HistoryFacts>([.. Encounter.History
            .Select((h, i) => (Entry: h, Index: i))
            .OrderBy(x => x.Entry.Date)
            .ThenBy(x => x.Entry.Kind, StringComparer.Ordinal)
            .ThenBy(x => x.Index) // Note: the contract says "in any order"; oldest first makes results independent of it
            .Select(x => resolveHistory(x.Entry, vocabulary))]);
}

/// <summary>An earlier procedure as the expressions see it, its joints resolved against the rule set's vocabulary.</summary>
public sealed class HistoryFacts(HistoryEntry entry, JointFacts[] joints)
{
    /// <summary>The entry as documented.</summary>
    public HistoryEntry Entry { get; } = entry;

    /// <summary>Treated joints, one per side.</summary>
    public IValueList Joints { get; } = new ObjectList<JointFacts>(joints);

    /// <summary>The distinct regions of the known joints.</summary>
    public IValueList Regions { get; } = new ValueList([.. joints.Where(j => j.Region is not null).Select(j => j.Region).Distinct(StringComparer.Ordinal).Select(Value.FromString)]);

    /// <inheritdoc />
    public override string ToString() => $"{Entry.Kind} on {Entry.Date:yyyy-MM-dd}";
}

/// <summary>A billed line as a claim audit sees it, with its position on the claim.</summary>
public sealed record BilledFacts(BilledLine Line, int Index)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line.Modifiers.IsDefaultOrEmpty ? $"{Line.Code} x{Line.Units}" : $"{Line.Code}-{string.Join('-', Line.Modifiers)} x{Line.Units}";
}

/// <summary>A coded line as a policy sees it.</summary>
public sealed record LineFacts(Results.CodedLine Line)
{
    /// <inheritdoc />
    public override string ToString() => Line.ToString();
}

/// <summary>
/// A session: the procedures of one encounter that a rule set handles, in one region (all on the date of service).
/// A level treated on both sides is one level.
/// </summary>
public sealed class SessionFacts(string region, IValueList kinds, IValueList levels, IValueList joints)
{
    /// <summary>The region.</summary>
    public string Region { get; } = region;

    /// <summary>The distinct procedure kinds in the session.</summary>
    public IValueList Kinds { get; } = kinds;

    /// <summary>The distinct levels treated.</summary>
    public IValueList Levels { get; } = levels;

    /// <summary>The joints treated, one per side.</summary>
    public IValueList Joints { get; } = joints;

    /// <inheritdoc />
    public override string ToString() => $"session {Region}";
}

/// <summary>A procedure as the expressions see it, with its joints resolved against one rule set's vocabulary.</summary>
public sealed class ProcedureFacts(Procedure procedure, JointFacts[] joints)
{
    /// <summary>The nerves documented, one per side, resolved against the vocabulary (empty when none).</summary>
    public NerveFacts[] Nerves { get; init; } = [];

    /// <summary>The nerves as an expression list (made once, on first use).</summary>
    public IValueList NerveList => _nerveList ??= Nerves.Length == 0 ? ValueList.Empty : new ObjectList<NerveFacts>(Nerves);

    private IValueList? _nerveList;

    /// <summary>
    /// The nerve targets counted by families that count nerves: the nerves documented, or, when only joints are
    /// documented, the nerves that supply them.
    /// </summary>
    public JointFacts[] NerveTargets { get; init; } = [];

    /// <summary>The lines coded for this procedure (set for policies, which read them); empty for coding rules.</summary>
    public IValueList Lines { get; set; } = ValueList.Empty;

    /// <summary>The joints a coding check excluded from the counting (<c>effect: exclude</c>); null when none.</summary>
    public List<JointFacts>? Excluded { get; set; }

    /// <summary>How documented nerves became joints, e.g. "right L3 medial branch + right L4 medial branch -> right L4-L5".</summary>
    public string NerveMapping { get; init; } = string.Empty;

    /// <summary>The procedure read from input.</summary>
    public Procedure Procedure { get; } = procedure;

    /// <summary>Joints, one per documented side (a bilateral entry yields a left and a right joint).</summary>
    public JointFacts[] Joints { get; } = joints;

    /// <summary>The joints as an expression list.</summary>
    public IValueList JointList { get; } = new ObjectList<JointFacts>(joints);

    /// <inheritdoc />
    public override string ToString() => $"procedure {Procedure.Kind}";
}

/// <summary>One treated joint on one side, resolved against the vocabulary.</summary>
/// <param name="Level">The normalised level name.</param>
/// <param name="Side">Left or right (a bilateral entry is split into both).</param>
/// <param name="Region">The vocabulary region, or null when the level is unknown.</param>
/// <param name="Known">True when the level is in the vocabulary.</param>
/// <param name="Duplicate">True for a repeat of an earlier joint with the same level and side.</param>
/// <param name="Order">Position of the level in the vocabulary (for ordering), or -1.</param>
/// <param name="BothSides">True when the same level is also treated on the other side.</param>
public sealed record JointFacts(string Level, Side Side, string? Region, bool Known, bool Duplicate, int Order, bool BothSides)
{
    /// <summary>Reads as in a trace: <c>left L4-L5</c>.</summary>
    public override string ToString() => $"{Side.Name()} {Level}";
}

/// <summary>One documented nerve on one side, resolved against the vocabulary.</summary>
/// <param name="Name">The normalised nerve name.</param>
/// <param name="Side">Left or right (a bilateral entry is split into both).</param>
/// <param name="Region">The vocabulary region, or null when the nerve is unknown.</param>
/// <param name="Known">True when the nerve is in the vocabulary.</param>
/// <param name="CompletesJoint">True when, with the other nerves of its side, it completes the supply of a joint.</param>
public sealed record NerveFacts(string Name, Side Side, string? Region, bool Known, bool CompletesJoint)
{
    /// <summary>Reads as in a trace: <c>right L3 medial branch</c>.</summary>
    public override string ToString() => $"{Side.Name()} {Name}";
}

/// <summary>The schemas the expression language checks field access against, and the variable slots.</summary>
public static class FactSchemas
{
    private static readonly Value[] SideValues = [.. EncounterContract.Sides.Select(Value.FromString)];

    /// <summary>Slot of <c>encounter</c>.</summary>
    public const int EncounterSlot = 0;

    /// <summary>Slot of <c>procedure</c>.</summary>
    public const int ProcedureSlot = 1;

    /// <summary>Slot of <c>joint</c>.</summary>
    public const int JointSlot = 2;

    /// <summary>Slot of <c>nerve</c>.</summary>
    public const int NerveSlot = 3;

    /// <summary>The nerve type.</summary>
    public static ObjectSchema Nerve { get; } = new ObjectSchema("nerve", "One documented nerve on one side").Define(
        new("name", ExprType.String, "Nerve name, normalised (e.g. L3 medial branch)", o => Value.FromString(((NerveFacts)o).Name)),
        new("side", ExprType.String, "left or right (bilateral entries are split into both)", o => SideValue(((NerveFacts)o).Side)),
        new("region", ExprType.OptionalString, "Region from the vocabulary; null when the nerve is unknown", o => Value.FromString(((NerveFacts)o).Region)),
        new("known", ExprType.Boolean, "True when the nerve is in the rule set's vocabulary", o => Value.FromBoolean(((NerveFacts)o).Known)),
        new("completesJoint", ExprType.Boolean, "True when the nerve completes the supply of a joint on its side", o => Value.FromBoolean(((NerveFacts)o).CompletesJoint)));

    /// <summary>Slot of <c>session</c>.</summary>
    public const int SessionSlot = 4;

    /// <summary>The joint type.</summary>
    public static ObjectSchema Joint { get; } = new ObjectSchema("joint", "One treated facet joint on one side").Define(
        new("level", ExprType.String, "Level name, normalised (e.g. L4-L5)", o => Value.FromString(((JointFacts)o).Level)),
        new("side", ExprType.String, "left or right (bilateral entries are split into both)", o => SideValue(((JointFacts)o).Side)),
        new("region", ExprType.OptionalString, "Region from the vocabulary; null when the level is unknown", o => Value.FromString(((JointFacts)o).Region)),
        new("known", ExprType.Boolean, "True when the level is in the rule set's vocabulary", o => Value.FromBoolean(((JointFacts)o).Known)),
        new("duplicate", ExprType.Boolean, "True when the same level and side was already listed", o => Value.FromBoolean(((JointFacts)o).Duplicate)),
        new("bothSides", ExprType.Boolean, "True when the level is treated on both sides", o => Value.FromBoolean(((JointFacts)o).BothSides)));

    /// <summary>The coded line type.</summary>
    public static ObjectSchema Line { get; } = new ObjectSchema("line", "A coded claim line").Define(
        new("code", ExprType.String, "Procedure code", o => Value.FromString(((LineFacts)o).Line.Code)),
        new("modifiers", ExprType.ListOf(ExprType.String), "Modifiers", o => Value.FromList(new StringList(((LineFacts)o).Line.Modifiers))),
        new("units", ExprType.Number, "Units", o => Value.FromNumber(((LineFacts)o).Line.Units)),
        new("joints", ExprType.ListOf(ExprType.String), "Levels the line covers", o => Value.FromList(new StringList(((LineFacts)o).Line.Joints))),
        new("rule", ExprType.String, "The family or check that produced the line", o => Value.FromString(((LineFacts)o).Line.Rule)));

    /// <summary>The history entry type.</summary>
    public static ObjectSchema History { get; } = new ObjectSchema("history", "An earlier procedure of the patient").Define(
        new("date", ExprType.Date, "Date of the earlier procedure", o => Value.FromDate(((HistoryFacts)o).Entry.Date)),
        new("kind", ExprType.String, "Procedure kind", o => Value.FromString(((HistoryFacts)o).Entry.Kind)),
        new("purpose", ExprType.OptionalString, "diagnostic or therapeutic, when documented", o => Value.FromString(((HistoryFacts)o).Entry.Purpose)),
        new("technique", ExprType.OptionalString, "Technique, when documented", o => Value.FromString(((HistoryFacts)o).Entry.Technique)),
        new("joints", ExprType.ListOf(ExprType.ObjectOf(Joint)), "Treated joints, one per side", o => Value.FromList(((HistoryFacts)o).Joints)) { MaxItems = EncounterContract.MaxJoints * 2 },
        new("regions", ExprType.ListOf(ExprType.String), "Distinct regions of the treated joints", o => Value.FromList(((HistoryFacts)o).Regions)) { MaxItems = EncounterContract.MaxJoints * 2 },
        new("reliefPercent", ExprType.OptionalNumber, "Pain relief reported, in percent", o => Value.FromNumber(((HistoryFacts)o).Entry.ReliefPercent)),
        new("reliefDurationMonths", ExprType.OptionalNumber, "How long the relief lasted, in months", o => Value.FromNumber(((HistoryFacts)o).Entry.ReliefDurationMonths)));

    /// <summary>Slot of <c>billed</c>.</summary>
    public const int BilledSlot = 5;

    /// <summary>Slot of <c>line</c>.</summary>
    public const int LineSlot = 6;

    /// <summary>The billed line type.</summary>
    public static ObjectSchema BilledLine { get; } = new ObjectSchema("billed", "A line as billed by the provider").Define(
        new("code", ExprType.String, "Billed code", o => Value.FromString(((BilledFacts)o).Line.Code)),
        new("modifiers", ExprType.ListOf(ExprType.String), "Billed modifiers", o => Value.FromList(new StringList(((BilledFacts)o).Line.Modifiers))),
        new("units", ExprType.Number, "Billed units", o => Value.FromNumber(((BilledFacts)o).Line.Units)),
        new("line", ExprType.Number, "The line's number on the claim, from 1, in billed order", o => Value.FromNumber(((BilledFacts)o).Index + 1)));

    /// <summary>The session type.</summary>
    public static ObjectSchema Session { get; } = new ObjectSchema("session", "The handled procedures of the encounter in one region").Define(
        new("region", ExprType.String, "The region", o => Value.FromString(((SessionFacts)o).Region)),
        new("kinds", ExprType.ListOf(ExprType.String), "Distinct procedure kinds", o => Value.FromList(((SessionFacts)o).Kinds)) { MaxItems = EncounterContract.MaxProcedures },
        new("levels", ExprType.ListOf(ExprType.String), "Distinct levels (a level treated on both sides counts once)", o => Value.FromList(((SessionFacts)o).Levels)) { MaxItems = EncounterContract.MaxProcedures * EncounterContract.MaxJoints * 2 },
        new("joints", ExprType.ListOf(ExprType.ObjectOf(Joint)), "Joints, one per side", o => Value.FromList(((SessionFacts)o).Joints)) { MaxItems = EncounterContract.MaxProcedures * EncounterContract.MaxJoints * 2 });

    /// <summary>The procedure type.</summary>
    public static ObjectSchema Procedure { get; } = new ObjectSchema("procedure", "One documented procedure").Define(
        new("kind", ExprType.String, "Procedure kind", o => Value.FromString(((ProcedureFacts)o).Procedure.Kind)),
        new("technique", ExprType.OptionalString, "Technique, e.g. radiofrequency", o => Value.FromString(((ProcedureFacts)o).Procedure.Technique)),
        new("temperatureCelsius", ExprType.OptionalNumber, "Lesion temperature in degrees Celsius, when documented", o => Value.FromNumber(((ProcedureFacts)o).Procedure.TemperatureCelsius)),
        new("imaging", ExprType.OptionalString, "Imaging guidance, e.g. fluoroscopy", o => Value.FromString(((ProcedureFacts)o).Procedure.Imaging)),
        new("purpose", ExprType.OptionalString, "diagnostic or therapeutic, when documented", o => Value.FromString(((ProcedureFacts)o).Procedure.Purpose)),
        new("side", ExprType.OptionalString, "Side for whole-joint procedures, when documented", o => ((ProcedureFacts)o).Procedure.Side is { } side ? SideValue(side) : Value.Null),
        new("joints", ExprType.ListOf(ExprType.ObjectOf(Joint)), "Treated joints, one per side (including joints completed by documented nerves)", o => Value.FromList(((ProcedureFacts)o).JointList)) { MaxItems = EncounterContract.MaxJoints * 2 },
        new("nerves", ExprType.ListOf(ExprType.ObjectOf(Nerve)), "Documented nerves, one per side", o => Value.FromList(((ProcedureFacts)o).NerveList)) { MaxItems = EncounterContract.MaxNerves * 2 },
        new("nerveMapping", ExprType.String, "How documented nerves became joints, for messages", o => Value.FromString(((ProcedureFacts)o).NerveMapping)),
        new("lines", ExprType.ListOf(ExprType.ObjectOf(Line)), "The lines coded for this procedure (policies)", o => Value.FromList(((ProcedureFacts)o).Lines)) { MaxItems = EncounterContract.MaxJoints * 2 });

    /// <summary>The encounter type.</summary>
    public static ObjectSchema Encounter { get; } = new ObjectSchema("encounter", "The encounter being coded").Define(
        new("id", ExprType.String, "Encounter id", o => Value.FromString(((EncounterFacts)o).Encounter.Id)),
        new("dateOfService", ExprType.Date, "Date of service", o => Value.FromDate(((EncounterFacts)o).Encounter.DateOfService)),
        new("payer", ExprType.OptionalString, "Payer id, when given", o => Value.FromString(((EncounterFacts)o).Encounter.Payer)),
        new("placeOfService", ExprType.OptionalString, "Place of service code, when given", o => Value.FromString(((EncounterFacts)o).Encounter.PlaceOfService)),
        new("claimType", ExprType.String, "The claim the lines are for: professional (the default) or facility", o => Value.FromString(((EncounterFacts)o).Encounter.ClaimType ?? "professional")),
        new("diagnoses", ExprType.ListOf(ExprType.String), "Diagnosis codes", o => Value.FromList(new StringList(((EncounterFacts)o).Encounter.Diagnoses))) { MaxItems = EncounterContract.MaxDiagnoses },
        new("procedures", ExprType.ListOf(ExprType.ObjectOf(Procedure)), "All procedures of the encounter (entries a coding rule set combines are one session, one procedure)", o => Value.FromList(((EncounterFacts)o).Procedures)) { MaxItems = EncounterContract.MaxProcedures },
        new("history", ExprType.ListOf(ExprType.ObjectOf(History)), "Earlier procedures of the patient", o => Value.FromList(((EncounterFacts)o).History)) { MaxItems = EncounterContract.MaxHistoryEntries },
        new("priorAuthorization", ExprType.OptionalString, "Prior authorization status, when given", o => Value.FromString(((EncounterFacts)o).Encounter.PriorAuthorization)),
        new("billed", ExprType.ListOf(ExprType.ObjectOf(BilledLine)), "Lines as billed (claim audits)", o => Value.FromList(((EncounterFacts)o).Billed)) { MaxItems = EncounterContract.MaxBilledLines },
        new("lines", ExprType.ListOf(ExprType.ObjectOf(Line)), "Derived lines after coding and policies (claim audits)", o => Value.FromList(((EncounterFacts)o).Lines)) { MaxItems = EncounterContract.MaxProcedures * EncounterContract.MaxJoints * 2 },
        new("validCodes", ExprType.ListOf(ExprType.String), "Codes of the coding rule sets in force on the date of service (claim audits)", o => Value.FromList(((EncounterFacts)o).ValidCodes)));

    /// <summary>A side as the expressions read it: <c>"left"</c>, <c>"right"</c> or <c>"bilateral"</c> (made once).</summary>
    private static Value SideValue(Side side) => SideValues[(int)side];

    /// <summary>Variables of a check with procedure scope.</summary>
    public static ExpressionEnvironment ProcedureScope { get; } = ExpressionEnvironment.Empty
        .With("encounter", ExprType.ObjectOf(Encounter), EncounterSlot)
        .With("procedure", ExprType.ObjectOf(Procedure), ProcedureSlot);

    /// <summary>Variables of a check with joint scope.</summary>
    public static ExpressionEnvironment JointScope { get; } = ProcedureScope
        .With("joint", ExprType.ObjectOf(Joint), JointSlot);

    /// <summary>Variables of a check with session scope.</summary>
    public static ExpressionEnvironment SessionScope { get; } = ExpressionEnvironment.Empty
        .With("encounter", ExprType.ObjectOf(Encounter), EncounterSlot)
        .With("session", ExprType.ObjectOf(Session), SessionSlot);

    /// <summary>Variables of a claim-audit check: the encounter alone.</summary>
    public static ExpressionEnvironment EncounterScope { get; } = ExpressionEnvironment.Empty
        .With("encounter", ExprType.ObjectOf(Encounter), EncounterSlot);

    /// <summary>Variables of a check with billed scope.</summary>
    public static ExpressionEnvironment BilledScope { get; } = EncounterScope
        .With("billed", ExprType.ObjectOf(BilledLine), BilledSlot);

    /// <summary>Variables of a check with line scope.</summary>
    public static ExpressionEnvironment LineScope { get; } = EncounterScope
        .With("line", ExprType.ObjectOf(Line), LineSlot);

    /// <summary>Variables of a check with nerve scope.</summary>
    public static ExpressionEnvironment NerveScope { get; } = ProcedureScope
        .With("nerve", ExprType.ObjectOf(Nerve), NerveSlot);

    /// <summary>Every variable of every scope at once: for checking a definition that no check uses.</summary>
    public static ExpressionEnvironment AllScopes { get; } = ProcedureScope
        .With("joint", ExprType.ObjectOf(Joint), JointSlot)
        .With("nerve", ExprType.ObjectOf(Nerve), NerveSlot)
        .With("session", ExprType.ObjectOf(Session), SessionSlot)
        .With("billed", ExprType.ObjectOf(BilledLine), BilledSlot)
        .With("line", ExprType.ObjectOf(Line), LineSlot);
}
