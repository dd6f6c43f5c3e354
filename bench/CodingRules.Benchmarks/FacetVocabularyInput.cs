namespace CodingRules.Benchmarks;

/// <summary>
/// The level vocabulary passed to the Microsoft RulesEngine comparison as <c>input2</c>, so that the workflow's
/// expressions, not C#, decide which family a level belongs to.
/// </summary>
public sealed class FacetVocabularyInput
{
    public IReadOnlyList<string> CervicalThoracic { get; init; } =
    [
        "C2-C3", "C3-C4", "C4-C5", "C5-C6", "C6-C7", "C7-T1", "T1-T2", "T2-T3", "T3-T4", "T4-T5", "T5-T6", "T6-T7",
        "T7-T8", "T8-T9", "T9-T10", "T10-T11", "T11-T12", "T12-L1",
    ];

    public IReadOnlyList<string> LumbarSacral { get; init; } = ["L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"];
}
