using System.Globalization;
using CodingRules.Model;

namespace CodingRules.Catalog;

/// <summary>
/// The answer to "which version of a rule set is in force on a date": the version (or null), and the nearest
/// versions before and after, so that the answer can be explained.
/// </summary>
public sealed record Resolution(string RuleSetId, DateOnly Date, RuleSet? InForce, RuleSet? Before, RuleSet? After)
{
    /// <summary>A sentence for people: which version applies and why.</summary>
    public string Explanation
    {
        get
        {
            var date = Iso(Date);
            if (InForce is { } v)
            {
                var until = v.Effective.Until is { } u
                    ? v.UntilDerived ? $"until {Iso(u)} (the day before version '{After?.Version}' starts)" : $"until {Iso(u)} (as written)"
                    : "with no end date";
                return $"Version '{v.Version}' of '{RuleSetId}' is in force on {date}: it applies from {Iso(v.Effective.From)} {until}.";
            }

            if (Before is null && After is null)
            {
                return $"No version of '{RuleSetId}' is loaded.";
            }

            var parts = new List<string>();
            if (Before is not null)
            {
                parts.Add($"the nearest earlier version '{Before.Version}' ended on {Iso(Before.Effective.Until!.Value)}");
            }

            if (After is not null)
            {
                parts.Add($"the nearest later version '{After.Version}' starts on {Iso(After.Effective.From)}");
            }

            return $"No version of '{RuleSetId}' is in force on {date}: {string.Join("; ", parts)}.";
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
