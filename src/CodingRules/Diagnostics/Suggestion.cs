namespace CodingRules.Diagnostics;

/// <summary>
/// "Did you mean" for a misspelt name: the closest candidate by edit distance (case-insensitive), when it is close
/// enough to be a likely typo (at most a third of the name's length, and at most 3 edits).
/// </summary>
public static class Suggestion
{
    /// <summary>The closest candidate, or null when none is close.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        if (name.Length == 0 || name.Length > 200)
        {
            return null;
        }

        var limit = Math.Min(3, Math.Max(1, name.Length / 3));
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            if (candidate.Length > 200 || Math.Abs(candidate.Length - name.Length) > limit)
            {
                continue;
            }

            var d = Distance(name, candidate);
            if (d <= limit && d < bestDistance && !string.Equals(candidate, name, StringComparison.Ordinal))
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>" (did you mean 'x'?)" for the closest candidate, or an empty text: ready to put into a message.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } best ? $" (did you mean '{best}'?)" : string.Empty;

    /// <summary>Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), ignoring case.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
