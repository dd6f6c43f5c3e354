using System.Collections.Immutable;
using CodingRules.Model;

namespace CodingRules.Diff;

/// <summary>
/// The periods of the date of service in which two sides of rules differ: where the rule set versions in force
/// (by id and content hash) are not the same on both sides. An encounter dated outside them has the same outcome on
/// both sides by construction, so an impact replay need not evaluate it.
/// </summary>
public static class ChangedPeriods
{
    /// <summary>The differing periods, merged and in date order; empty when the sides are in force alike on every date.</summary>
    public static ImmutableArray<EffectivePeriod> Of(IEnumerable<RuleSet> before, IEnumerable<RuleSet> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = before.ToList();
        var b = after.ToList();
        // Note: the in-force sets can change only where a period starts or ends; each segment between two such
        // boundaries is compared once (linear in the versions, times the versions in force at a boundary).
        var boundaries = a.Concat(b)
            .SelectMany(r => r.Effective.Until is { } u && u < DateOnly.MaxValue ? new[] { r.Effective.From, u.AddDays(1) } : [r.Effective.From])
            .Append(DateOnly.MinValue)
            .Distinct()
            .Order()
            .ToList();
        var result = ImmutableArray.CreateBuilder<EffectivePeriod>();
        DateOnly? openFrom = null;
        for (var i = 0; i < boundaries.Count; i++)
        {
            var date = boundaries[i];
            var differs = !InForce(a, date).SequenceEqual(InForce(b, date), StringComparer.Ordinal);
            if (differs && openFrom is null)
            {
                openFrom = date;
            }
            else if (!differs && openFrom is { } from)
            {
                result.Add(new EffectivePeriod(from, date.AddDays(-1)));
                openFrom = null;
            }
        }

        if (openFrom is { } last)
        {
            result.Add(new EffectivePeriod(last, null));
        }

        return result.ToImmutable();
    }

    /// <summary>Whether <paramref name="date"/> falls in one of <paramref name="periods"/>.</summary>
    public static bool Contains(ImmutableArray<EffectivePeriod> periods, DateOnly date)
    {
        foreach (var p in periods)
        {
            if (p.Contains(date))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> InForce(List<RuleSet> side, DateOnly date) =>
        [.. side.Where(r => r.Effective.Contains(date)).Select(r => r.Id + "@" + r.Sha256).Order(StringComparer.Ordinal)];
}
