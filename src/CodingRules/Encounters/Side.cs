namespace CodingRules.Encounters;

/// <summary>The side of the body a target was treated on, as documented.</summary>
public enum Side
{
    /// <summary>The left side.</summary>
    Left,

    /// <summary>The right side.</summary>
    Right,

    /// <summary>Both sides of the same level.</summary>
    Bilateral,
}
