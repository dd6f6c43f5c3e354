using CodingRules.Encounters;
using CodingRules.Language;

namespace CodingRules.Model;

// Note: the three fact records and their schemas are one unit: the schema's getters must match the records.

/// <summary>The encounter as the expressions see it. Built per evaluation; immutable.</summary>
public sealed class EncounterFacts(Encounter encounter, IValueList procedures)
{
    /// <summary>The encounter read from input.</summary>
    public Encounter Encounter { get; } = encounter;

    /// <summary>The procedures as facts.</summary>
    public IValueList Procedures { get; } = procedures;
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
/// <param name="Side">"left" or "right".</param>
/// <param name="Region">The vocabulary region, or null when the level is unknown.</param>
/// <param name="Known">True when the level is in the vocabulary.</param>
/// <param name="Duplicate">True for a repeat of an earlier joint with the same level and side.</param>
/// <param name="Order">Position of the level in the vocabulary (for ordering), or -1.</param>
/// <param name="BothSides">True when the same level is also treated on the other side.</param>
public sealed record JointFacts(string Level, string Side, string? Region, bool Known, bool Duplicate, int Order, bool BothSides)
{
    /// <summary>The value of <see cref="Side"/> for the left side.</summary>
    public const string LeftSide = "left";

    /// <summary>The value of <see cref="Side"/> for the right side.</summary>
    public const string RightSide = "right";

    /// <summary>Reads as in a trace: <c>left L4-L5</c>.</summary>
    public override string ToString() => $"{Side} {Level}";
}

/// <summary>One documented nerve on one side, resolved against the vocabulary.</summary>
/// <param name="Name">The normalised nerve name.</param>
/// <param name="Side">"left" or "right".</param>
/// <param name="Region">The vocabulary region, or null when the nerve is unknown.</param>
/// <param name="Known">True when the nerve is in the vocabulary.</param>
/// <param name="CompletesJoint">True when, with the other nerves of its side, it completes the supply of a joint.</param>
public sealed record NerveFacts(string Name, string Side, string? Region, bool Known, bool CompletesJoint)
{
    /// <summary>Reads as in a trace: <c>right L3 medial branch</c>.</summary>
    public override string ToString() => $"{Side} {Name}";
}

/// <summary>The schemas the expression language checks field access against, and the variable slots.</summary>
public static class FactSchemas
{
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
        new("side", ExprType.String, "left or right (bilateral entries are split into both)", o => Value.FromString(((NerveFacts)o).Side)),
        new("region", ExprType.String, "Region from the vocabulary; null when the nerve is unknown", o => Value.FromString(((NerveFacts)o).Region)),
        new("known", ExprType.Boolean, "True when the nerve is in the rule set's vocabulary", o => Value.FromBoolean(((NerveFacts)o).Known)),
        new("completesJoint", ExprType.Boolean, "True when the nerve completes the supply of a joint on its side", o => Value.FromBoolean(((NerveFacts)o).CompletesJoint)));

    /// <summary>The joint type.</summary>
    public static ObjectSchema Joint { get; } = new ObjectSchema("joint", "One treated facet joint on one side").Define(
        new("level", ExprType.String, "Level name, normalised (e.g. L4-L5)", o => Value.FromString(((JointFacts)o).Level)),
        new("side", ExprType.String, "left or right (bilateral entries are split into both)", o => Value.FromString(((JointFacts)o).Side)),
        new("region", ExprType.String, "Region from the vocabulary; null when the level is unknown", o => Value.FromString(((JointFacts)o).Region)),
        new("known", ExprType.Boolean, "True when the level is in the rule set's vocabulary", o => Value.FromBoolean(((JointFacts)o).Known)),
        new("duplicate", ExprType.Boolean, "True when the same level and side was already listed", o => Value.FromBoolean(((JointFacts)o).Duplicate)),
        new("bothSides", ExprType.Boolean, "True when the level is treated on both sides", o => Value.FromBoolean(((JointFacts)o).BothSides)));

    /// <summary>The procedure type.</summary>
    public static ObjectSchema Procedure { get; } = new ObjectSchema("procedure", "One documented procedure").Define(
        new("kind", ExprType.String, "Procedure kind", o => Value.FromString(((ProcedureFacts)o).Procedure.Kind)),
        new("technique", ExprType.String, "Technique, e.g. radiofrequency", o => Value.FromString(((ProcedureFacts)o).Procedure.Technique)),
        new("temperatureCelsius", ExprType.Number, "Lesion temperature in degrees Celsius, when documented", o => Value.FromNumber(((ProcedureFacts)o).Procedure.TemperatureCelsius)),
        new("imaging", ExprType.String, "Imaging guidance, e.g. fluoroscopy", o => Value.FromString(((ProcedureFacts)o).Procedure.Imaging)),
        new("purpose", ExprType.String, "diagnostic or therapeutic, when documented", o => Value.FromString(((ProcedureFacts)o).Procedure.Purpose)),
        new("side", ExprType.String, "Side for whole-joint procedures, when documented", o => Value.FromString(((ProcedureFacts)o).Procedure.Side)),
        new("joints", ExprType.ListOf(ExprType.ObjectOf(Joint)), "Treated joints, one per side (including joints completed by documented nerves)", o => Value.FromList(((ProcedureFacts)o).JointList)),
        new("nerves", ExprType.ListOf(ExprType.ObjectOf(Nerve)), "Documented nerves, one per side", o => Value.FromList(((ProcedureFacts)o).NerveList)),
        new("nerveMapping", ExprType.String, "How documented nerves became joints, for messages", o => Value.FromString(((ProcedureFacts)o).NerveMapping)));

    /// <summary>The encounter type.</summary>
    public static ObjectSchema Encounter { get; } = new ObjectSchema("encounter", "The encounter being coded").Define(
        new("id", ExprType.String, "Encounter id", o => Value.FromString(((EncounterFacts)o).Encounter.Id)),
        new("dateOfService", ExprType.Date, "Date of service", o => Value.FromDate(((EncounterFacts)o).Encounter.DateOfService)),
        new("payer", ExprType.String, "Payer id, when given", o => Value.FromString(((EncounterFacts)o).Encounter.Payer)),
        new("placeOfService", ExprType.String, "Place of service code, when given", o => Value.FromString(((EncounterFacts)o).Encounter.PlaceOfService)),
        new("diagnoses", ExprType.ListOf(ExprType.String), "Diagnosis codes", o => Value.FromList(new StringList(((EncounterFacts)o).Encounter.Diagnoses))),
        new("procedures", ExprType.ListOf(ExprType.ObjectOf(Procedure)), "All procedures of the encounter", o => Value.FromList(((EncounterFacts)o).Procedures)));

    /// <summary>Variables of a check with procedure scope.</summary>
    public static ExpressionEnvironment ProcedureScope { get; } = ExpressionEnvironment.Empty
        .With("encounter", ExprType.ObjectOf(Encounter), EncounterSlot)
        .With("procedure", ExprType.ObjectOf(Procedure), ProcedureSlot);

    /// <summary>Variables of a check with joint scope.</summary>
    public static ExpressionEnvironment JointScope { get; } = ProcedureScope
        .With("joint", ExprType.ObjectOf(Joint), JointSlot);

    /// <summary>Variables of a check with nerve scope.</summary>
    public static ExpressionEnvironment NerveScope { get; } = ProcedureScope
        .With("nerve", ExprType.ObjectOf(Nerve), NerveSlot);
}
