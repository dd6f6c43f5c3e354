using System.Collections.Immutable;
using CodingRules.Results;

namespace CodingRules.Diff;

/// <summary>
/// The counts of a replay by code and by finding id, kept as the changed encounters come: one entry per key that
/// differs somewhere, so its size depends on the rules, never on the number of encounters. Not thread-safe: the
/// replay adds from the one thread that reports in input order; <see cref="Differences"/> may run on any thread.
/// </summary>
internal sealed class ImpactTally
{
    private readonly SortedDictionary<string, (int Encounters, int Before, int After)> _byCode = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (int Encounters, int Before, int After)> _byFinding = new(StringComparer.Ordinal);

    /// <summary>For each code, then each finding id, whose outcomes differ in the encounter: whether each side has it.</summary>
    public static (ImmutableArray<KeyDifference> Codes, ImmutableArray<KeyDifference> Findings) Differences(EvaluationResult before, EvaluationResult after) =>
        (Differ(before, after, Codes), Differ(before, after, FindingIds));

    /// <summary>Counts one changed encounter, given its <see cref="Differences"/>.</summary>
    public void Add(ImmutableArray<KeyDifference> codes, ImmutableArray<KeyDifference> findings)
    {
        Add(_byCode, codes);
        Add(_byFinding, findings);
    }

    /// <summary>The counts by code, ordered by code.</summary>
    public ImmutableArray<ImpactCount> ByCode => Counts(_byCode);

    /// <summary>The counts by finding id, ordered by id.</summary>
    public ImmutableArray<ImpactCount> ByFinding => Counts(_byFinding);

    private static void Add(SortedDictionary<string, (int Encounters, int Before, int After)> counts, ImmutableArray<KeyDifference> differences)
    {
        foreach (var d in differences)
        {
            var (n, before, after) = counts.GetValueOrDefault(d.Key);
            counts[d.Key] = (n + 1, before + (d.Before ? 1 : 0), after + (d.After ? 1 : 0));
        }
    }

    private static ImmutableArray<ImpactCount> Counts(SortedDictionary<string, (int Encounters, int Before, int After)> counts) =>
        [.. counts.Select(kv => new ImpactCount(kv.Key, kv.Value.Encounters, kv.Value.Before, kv.Value.After))];

    /// <summary>
    /// The keys whose outcomes, as multisets, are not the same on both sides: both sides' (key, outcome) pairs sorted
    /// (ordinally, by key then outcome) and walked together, one run of pairs per key.
    /// </summary>
    private static ImmutableArray<KeyDifference> Differ(EvaluationResult before, EvaluationResult after, Func<EvaluationResult, List<(string Key, string Outcome)>> parts)
    {
        var a = parts(before);
        var b = parts(after);
        a.Sort(ByKeyThenOutcome);
        b.Sort(ByKeyThenOutcome);
        var differences = ImmutableArray.CreateBuilder<KeyDifference>();
        var (i, j) = (0, 0);
        while (i < a.Count || j < b.Count)
        {
            var key = j == b.Count || (i < a.Count && string.CompareOrdinal(a[i].Key, b[j].Key) <= 0) ? a[i].Key : b[j].Key;
            var (endA, endB) = (End(a, i, key), End(b, j, key));
            var same = endA - i == endB - j;
            for (var k = 0; same && k < endA - i; k++)
            {
                same = string.Equals(a[i + k].Outcome, b[j + k].Outcome, StringComparison.Ordinal);
            }

            if (!same)
            {
                differences.Add(new KeyDifference(key, endA > i, endB > j));
            }

            (i, j) = (endA, endB);
        }

        return differences.DrainToImmutable();
    }

    private static int End(List<(string Key, string Outcome)> parts, int from, string key)
    {
        while (from < parts.Count && string.Equals(parts[from].Key, key, StringComparison.Ordinal))
        {
            from++;
        }

        return from;
    }

    private static int ByKeyThenOutcome((string Key, string Outcome) x, (string Key, string Outcome) y) =>
        string.CompareOrdinal(x.Key, y.Key) is var byKey and not 0 ? byKey : string.CompareOrdinal(x.Outcome, y.Outcome);

    private static List<(string Key, string Outcome)> Codes(EvaluationResult r) =>
        [.. (r.Lines.IsDefault ? [] : r.Lines).Select(l => (l.Code, ImpactReplay.LineKey(l)))];

    private static List<(string Key, string Outcome)> FindingIds(EvaluationResult r) =>
        [.. (r.Findings.IsDefault ? [] : r.Findings).Select(f => (f.Id, ImpactReplay.FindingKey(f)))];

    /// <summary>A code (or finding id) whose outcomes differ in one encounter, and whether each side has it at all.</summary>
    internal readonly record struct KeyDifference(string Key, bool Before, bool After);
}
