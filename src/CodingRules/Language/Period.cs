namespace CodingRules.Language;

/// <summary>
/// A calendar period of whole months and days (years are 12 months). Adding or taking a period never fails: a date
/// that would fall outside the calendar (before year 1 or after year 9999) is the calendar's first or last day.
/// Immutable.
/// </summary>
public sealed record Period(int Months, int Days)
{
    /// <summary>Adds the period to a date (months first, clamping to the month's end, then days).</summary>
    public DateOnly AddTo(DateOnly date) => Shift(date, Months, Days);

    /// <summary>Takes the period from a date (months first, clamping to the month's end, then days).</summary>
    public DateOnly SubtractFrom(DateOnly date) => Shift(date, -Months, -Days);

    /// <summary>The sum of two periods.</summary>
    public Period Plus(Period other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Months + other.Months, Days + other.Days);
    }

    /// <summary>The difference of two periods.</summary>
    public Period Minus(Period other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Months - other.Months, Days - other.Days);
    }

    private static DateOnly Shift(DateOnly date, int months, int days)
    {
        // Month arithmetic on a year-month count, so no intermediate value can leave the calendar.
        var index = ((long)date.Year * 12) + date.Month - 1 + months;
        if (index < 12)
        {
            return DateOnly.MinValue;
        }

        if (index > (9999L * 12) + 11)
        {
            return DateOnly.MaxValue;
        }

        var year = (int)(index / 12);
        var month = (int)(index % 12) + 1;
        var shifted = new DateOnly(year, month, Math.Min(date.Day, DateTime.DaysInMonth(year, month)));
        var day = (long)shifted.DayNumber + days;
        return day < DateOnly.MinValue.DayNumber ? DateOnly.MinValue
            : day > DateOnly.MaxValue.DayNumber ? DateOnly.MaxValue
            : DateOnly.FromDayNumber((int)day);
    }

    /// <inheritdoc />
    public override string ToString() => (Months, Days) switch
    {
        (0, var d) => $"days({d})",
        (var m, 0) when m % 12 == 0 => $"years({m / 12})",
        (var m, 0) => $"months({m})",
        var (m, d) => $"months({m}) + days({d})",
    };
}
