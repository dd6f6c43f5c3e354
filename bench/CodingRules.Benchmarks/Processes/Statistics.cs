namespace CodingRules.Benchmarks.Processes;

/// <summary>The one statistic the process benchmark reports besides the extremes: the median of its runs.</summary>
internal static class Statistics
{
    /// <summary>The middle time of <paramref name="times"/>, or the mean of the two middle ones for an even count.</summary>
    public static TimeSpan Median(IReadOnlyCollection<TimeSpan> times)
    {
        ArgumentOutOfRangeException.ThrowIfZero(times.Count);
        var sorted = times.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
