namespace CodingRules.Benchmarks.Processes;

/// <summary>One comparison timed in this process over the corpus: the median, fastest and slowest round.</summary>
internal sealed record InProcessRate(string Name, int Encounters, TimeSpan Median, TimeSpan Min, TimeSpan Max)
{
    public double NanosecondsPerEncounter => Median.TotalNanoseconds / Encounters;

    public double EncountersPerSecond => Encounters / Median.TotalSeconds;
}
