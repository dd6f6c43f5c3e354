namespace CodingRules.Benchmarks;

/// <summary>One treated joint in the Microsoft RulesEngine comparison's input: level and side ("Left", "Right", "Bilateral").</summary>
public sealed class FacetJointInput
{
    public string Level { get; init; } = string.Empty;

    public string Side { get; init; } = string.Empty;
}
