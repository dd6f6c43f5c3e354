using System.Collections.Immutable;

namespace CodingRules.Encounters;

/// <summary>
/// The encounter input contract in one place: the allowed values of the enumerated fields and the size limits.
/// <see cref="EncounterReader"/> enforces exactly these; <c>schemas/encounter.schema.json</c> states the same
/// (a test compares the two). Values are matched case-sensitively, as written here. Thread-safe (immutable).
/// </summary>
public static class EncounterContract
{
    /// <summary>Largest record accepted, in bytes of UTF-8 JSON (1 MiB).</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted in a record (objects and arrays).</summary>
    public const int MaxDepth = 64;

    /// <summary>Longest <c>id</c>, in UTF-16 code units.</summary>
    public const int MaxIdLength = 200;

    /// <summary>Longest joint <c>level</c> as sent (before normalisation), in UTF-16 code units.</summary>
    public const int MaxLevelLength = 64;

    /// <summary>Longest nerve name (<c>nerve</c>) as sent (before normalisation), in UTF-16 code units.</summary>
    public const int MaxNerveLength = 64;

    /// <summary>Most items in <c>procedures</c>.</summary>
    public const int MaxProcedures = 100;

    /// <summary>Most items in <c>diagnoses</c>.</summary>
    public const int MaxDiagnoses = 100;

    /// <summary>Most items in <c>billed</c>.</summary>
    public const int MaxBilledLines = 100;

    /// <summary>Most items in <c>history</c> (earlier procedures of the patient).</summary>
    public const int MaxHistoryEntries = 500;

    /// <summary>Most items in a procedure's or history entry's <c>joints</c>.</summary>
    public const int MaxJoints = 1000;

    /// <summary>Most items in a procedure's or history entry's <c>nerves</c>.</summary>
    public const int MaxNerves = 1000;

    /// <summary>Smallest <c>units</c> of a billed line (the default when absent is 1).</summary>
    public const int MinUnits = 1;

    /// <summary>Smallest <c>reliefPercent</c> of a history entry.</summary>
    public const double MinReliefPercent = 0;

    /// <summary>Largest <c>reliefPercent</c> of a history entry.</summary>
    public const double MaxReliefPercent = 100;

    /// <summary>Smallest <c>reliefDurationMonths</c> of a history entry (no upper limit beyond being finite).</summary>
    public const double MinReliefDurationMonths = 0;

    /// <summary>Most input errors reported for one record; further errors are dropped.</summary>
    public const int MaxErrors = 100;

    /// <summary>Allowed values of the <c>technique</c> of a procedure and of a history entry.</summary>
    public static ImmutableArray<string> Techniques { get; } =
        ["radiofrequency", "pulsed-radiofrequency", "chemical", "cryoablation", "laser", "other"];

    /// <summary>Allowed values of a procedure's <c>imaging</c> (the guidance used).</summary>
    public static ImmutableArray<string> ImagingModes { get; } = ["fluoroscopy", "ct", "ultrasound", "mri", "none"];

    /// <summary>Allowed values of the <c>purpose</c> of a procedure and of a history entry.</summary>
    public static ImmutableArray<string> Purposes { get; } = ["diagnostic", "therapeutic"];

    /// <summary>
    /// Allowed values of <c>side</c> (of a procedure, a joint and a nerve), in the order of <see cref="Encounters.Side"/>.
    /// </summary>
    public static ImmutableArray<string> Sides { get; } = ["left", "right", "bilateral"];

    /// <summary>
    /// Allowed values of <c>claimType</c>: the claim the lines are for - the practitioner's (professional) or the
    /// facility's (an ambulatory surgical center's or a hospital's). Missing means professional.
    /// </summary>
    public static ImmutableArray<string> ClaimTypes { get; } = ["professional", "facility"];

    /// <summary>Allowed values of <c>priorAuthorization.status</c>; "none" means none was requested or obtained.</summary>
    public static ImmutableArray<string> PriorAuthorizationStatuses { get; } = ["affirmed", "non-affirmed", "none"];
}
