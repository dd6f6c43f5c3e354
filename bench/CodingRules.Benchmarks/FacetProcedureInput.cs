using CodingRules.Encounters;

namespace CodingRules.Benchmarks;

/// <summary>
/// The input object (<c>input1</c>) of the Microsoft RulesEngine comparison: one procedure's documented facts as a
/// mutable POCO, the shape that engine expects. Built once in setup from the same synthetic encounters.
/// </summary>
public sealed class FacetProcedureInput
{
    public string? Technique { get; init; }

    public double? TemperatureCelsius { get; init; }

    public string? Imaging { get; init; }

    public IReadOnlyList<FacetJointInput> Joints { get; init; } = [];

    public static FacetProcedureInput From(Procedure procedure) => new()
    {
        Technique = procedure.Technique,
        TemperatureCelsius = procedure.TemperatureCelsius,
        Imaging = procedure.Imaging,
        Joints = [.. procedure.Joints.Select(j => new FacetJointInput { Level = j.Level, Side = j.Side.ToString() })],
    };
}
