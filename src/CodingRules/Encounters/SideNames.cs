namespace CodingRules.Encounters;

/// <summary>How a <see cref="Side"/> is written in the contract and read by the rules: <c>left</c>, <c>right</c>, <c>bilateral</c>.</summary>
public static class SideNames
{
    /// <summary>The contract's name of the side (<see cref="EncounterContract.Sides"/>).</summary>
    public static string Name(this Side side) => EncounterContract.Sides[(int)side];
}
