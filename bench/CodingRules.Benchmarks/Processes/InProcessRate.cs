namespace CodingRules.Benchmarks.Processes;

/// <summary>
/// One comparison timed in this process over the corpus: the median, fastest and slowest round (wall time), and the
/// median processor time of a round (this process, all threads; null where it cannot be read).
/// </summary>
internal sealed record InProcessRate(string Name, int Encounters, TimeSpan Median, TimeSpan Min, TimeSpan Max, TimeSpan? ProcessorMedian)
{
    public double NanosecondsPerEncounter => Median.TotalNanoseconds / Encounters;

    public double? EncountersPerProcessorSecond => Encounters / ProcessorMedian?.TotalSeconds;

    public double EncountersPerSecond => Encounters / Median.TotalSeconds;
}
