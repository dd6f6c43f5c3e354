namespace CodingRules.Encounters;

/// <summary>Parses the calendar dates of the input contract: exactly <c>YYYY-MM-DD</c>, ASCII digits, a real date.</summary>
internal static class IsoDate
{
    /// <summary>True when <paramref name="utf8"/> is a real date written as YYYY-MM-DD (year 0001 to 9999).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateOnly date)
    {
        date = default;
        if (utf8.Length != 10 || utf8[4] != '-' || utf8[7] != '-'
            || !TryDigits(utf8[..4], out int year)
            || !TryDigits(utf8.Slice(5, 2), out int month)
            || !TryDigits(utf8.Slice(8, 2), out int day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (byte b in utf8)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
