namespace CodingRules.Language.Functions;

/// <summary>Calendar arithmetic shared by the date functions.</summary>
internal static class Calendar
{
    /// <summary>Largest period in months or days the language builds (10,000 years of months).</summary>
    public const int MaxPeriod = 120_000;

    /// <summary>Whole calendar months from <paramref name="from"/> to <paramref name="to"/> (negative when earlier).</summary>
    public static int WholeMonthsBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WholeMonthsBetween(to, from);
        }

        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        if (to.Day < from.Day && !(to.Day == DateTime.DaysInMonth(to.Year, to.Month) && from.Day > to.Day))
        {
            months--;
        }

        return months;
    }

    /// <summary>The number rounded to a whole count and kept within <see cref="MaxPeriod"/> either way (NaN is 0).</summary>
    public static int ClampToInt(double value) => double.IsNaN(value) ? 0 : (int)Math.Clamp(Math.Round(value), -MaxPeriod, MaxPeriod);
}
