using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Diagnostics;
using CodingRules.Model;
using CodingRules.Text;

namespace CodingRules.Catalog;

/// <summary>
/// Orders the versions of each rule set in time and derives when each is in force: a version without
/// <c>until</c> ends the day before the next version starts. Reports versions that start on the same day,
/// explicit overlaps, gaps left by an explicit <c>until</c> (a warning), versions that disagree on kind, and rule
/// files of one folder that disagree on id. Deterministic whatever order the files were read in.
/// </summary>
internal static class VersionTimeline
{
    public static ImmutableArray<RuleSet> Build(IEnumerable<RuleSet> ruleSets, DiagnosticBag bag)
    {
        var result = ImmutableArray.CreateBuilder<RuleSet>();
        // Note: a version the catalog reports as an error (a second version starting the same day, a version of
        // another kind, a file of another id in the folder) is left out, so what stays in force is consistent.
        var excluded = CheckFolders(ruleSets, bag);
        foreach (var group in ruleSets.Where(r => !excluded.Contains(r)).GroupBy(r => r.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = group
                .OrderBy(r => r.Effective.From)
                .ThenBy(r => r.Version, StringComparer.Ordinal)
                .ThenBy(r => r.Location.Path, StringComparer.Ordinal)
                .ToList();
            var first = ordered[0];
            var versions = new List<RuleSet>(ordered.Count);
            foreach (var version in ordered)
            {
                if (version.Kind != first.Kind)
                {
                    Report(bag, DiagnosticDescriptors.CR4019_KindDisagrees, version.Spans.Kind, version.Location, version.Version, version.Id, version.Kind, first.Version, first.Kind);
                }
                else if (versions.Count > 0 && versions[^1].Effective.From == version.Effective.From)
                {
                    var kept = versions[^1];
                    Report(bag, DiagnosticDescriptors.CR4016_SameStartDate, version.Spans.From, version.Location, kept.Version, version.Version, version.Id, Iso(version.Effective.From));
                }
                else
                {
                    versions.Add(version);
                }
            }

            for (var i = 0; i < versions.Count; i++)
            {
                var current = versions[i];
                var next = i + 1 < versions.Count ? versions[i + 1] : null;
                if (next is not null && current.DeclaredUntil is { } until)
                {
                    if (until >= next.Effective.From)
                    {
                        Report(bag, DiagnosticDescriptors.CR4017_VersionsOverlap, current.Spans.Until, current.Location, current.Version, current.Id, Iso(until), next.Version, Iso(next.Effective.From));
                    }
                    else if (until.AddDays(1) < next.Effective.From)
                    {
                        Report(bag, DiagnosticDescriptors.CR4018_VersionGap, current.Spans.Until, current.Location, current.Version, current.Id, Iso(until), next.Version, Iso(next.Effective.From));
                    }
                }

                if (current.DeclaredUntil is null && next is not null)
                {
                    current = current with
                    {
                        Effective = new EffectivePeriod(current.Effective.From, next.Effective.From.AddDays(-1)),
                        UntilDerived = true,
                    };
                }

                result.Add(current);
            }
        }

        return result.ToImmutable();
    }

    private static HashSet<RuleSet> CheckFolders(IEnumerable<RuleSet> ruleSets, DiagnosticBag bag)
    {
        var excluded = new HashSet<RuleSet>(ReferenceEqualityComparer.Instance);
        foreach (var folder in ruleSets.GroupBy(r => Path.GetDirectoryName(r.Location.Path) ?? string.Empty, StringComparer.Ordinal))
        {
            var ids = folder.Select(r => r.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (ids.Count < 2)
            {
                continue;
            }

            // The id most files agree on is the folder's; the others are reported.
            var majority = folder.GroupBy(r => r.Id, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            foreach (var odd in folder.Where(r => r.Id != majority))
            {
                Report(bag, DiagnosticDescriptors.CR4020_IdDisagreesWithFolder, odd.Spans.RuleSet, odd.Location, odd.Id, folder.Key, majority);
                excluded.Add(odd);
            }
        }

        return excluded;
    }

    private static void Report(DiagnosticBag bag, DiagnosticDescriptor descriptor, SourceSpan? span, SourceLocation fallback, params object?[] arguments) =>
        bag.Add(span is { } s ? Diagnostic.Create(descriptor, s, arguments) : Diagnostic.Create(descriptor, fallback, arguments));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
