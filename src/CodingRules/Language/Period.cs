namespace CodingRules.Language;

/// <summary>A calendar period of whole months and days (years are 12 months). Immutable.</summary>
public sealed record Period(int Months, int Days)
{
    /// <summary>Adds the period to a date (months first, clamping to the month's end, then days).</summary>
    public DateOnly AddTo(DateOnly date) => date.AddMonths(Months).AddDays(Days);

    /// <summary>Takes the period from a date (months first, clamping to the month's end, then days).</summary>
    public DateOnly SubtractFrom(DateOnly date) => date.AddMonths(-Months).AddDays(-Days);

    /// <inheritdoc />
    public override string ToString() => (Months, Days) switch
    {
        (0, var d) => $"days({d})",
        (var m, 0) when m % 12 == 0 => $"years({m / 12})",
        (var m, 0) => $"months({m})",
        var (m, d) => $"months({m}) + days({d})",
    };
}
