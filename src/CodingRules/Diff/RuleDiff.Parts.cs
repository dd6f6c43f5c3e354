using System.Collections.Immutable;
using CodingRules.Model;
using CodingRules.Testing;
using CodingRules.Text;

namespace CodingRules.Diff;

/// <summary>Families, ladders, checks and tests; and the collector that words each change.</summary>
public static partial class RuleDiff
{
    private static void CompareFamilies(Collector c, RuleSet before, RuleSet after)
    {
        c.Keyed("family", before.Families, after.Families, f => f.Id, f => Squash(f.Title), details: (a, b) =>
        {
            c.Set("family", a.Id + " regions", a.Regions, b.Regions, $"regions of family {a.Id}");
            var (was, now) = (a.When is null ? null : Condition(a.When.Text), b.When is null ? null : Condition(b.When.Text));
            if (a.When is not null && b.When is not null && SameCondition(a.When, b.When))
            {
                now = was;
            }

            c.Value("family", a.Id + " condition", was, now, $"condition of family {a.Id}");
            c.Value("family", a.Id + " counts", a.Counts.ToString().ToLowerInvariant(), b.Counts.ToString().ToLowerInvariant(), $"what family {a.Id} counts");
            var steps = Math.Max(a.Ladder.Length, b.Ladder.Length);
            for (var i = 0; i < steps; i++)
            {
                var x = i < a.Ladder.Length ? Step(a.Ladder[i]) : null;
                var y = i < b.Ladder.Length ? Step(b.Ladder[i]) : null;
                c.Value("ladder", $"{a.Id} step {i + 1}", x, y, $"ladder step {i + 1} of family {a.Id}");
            }
        });
    }

    private static string Step(LadderStep s) =>
        $"{s.Code} for position{(s.To == s.From ? $" {s.From}" : s.To is { } to ? $"s {s.From}-{to}" : $"s {s.From} and up")}, " +
        (s.Units == UnitMode.Once ? "one unit in total" : "one unit per joint");

    /// <summary>Checks are matched by id, and a check renamed between versions by its finding id.</summary>
    private static void CompareChecks(Collector c, RuleSet before, RuleSet after)
    {
        var matched = new HashSet<Check>(ReferenceEqualityComparer.Instance);
        foreach (var a in before.Checks)
        {
            var b = after.Checks.FirstOrDefault(x => x.Id == a.Id)
                ?? after.Checks.FirstOrDefault(x => x.Finding == a.Finding && !matched.Contains(x) && !before.Checks.Any(y => y.Id == x.Id)
                    && !after.Checks.Any(y => y.Id == a.Id));
            if (b is null)
            {
                c.Add(ChangeKind.Removed, "check", $"{a.Finding} ({a.Id})", Describe(a, before), null, $"check {a.Finding} ({a.Id}) is removed: it fired when {Condition(a.When, before)}", a.Location, null);
                continue;
            }

            matched.Add(b);
            // One change per check, whatever moved: a reviewer reads "C-LEVELS now fires when ..." in one line.
            var parts = new List<string>();
            void Part(string what, string? x, string? y)
            {
                if (!string.Equals(x, y, StringComparison.Ordinal))
                {
                    parts.Add($"{what} {x ?? "(none)"} -> {y ?? "(none)"}");
                }
            }

            if (!SameCondition(a.When, b.When))
            {
                Part("condition", Condition(a.When, before, b.When, after).Was, Condition(a.When, before, b.When, after).Now);
            }
            Part("severity", a.Severity.ToString().ToLowerInvariant(), b.Severity.ToString().ToLowerInvariant());
            Part("effect", Effect(a.Effect), Effect(b.Effect));
            Part("id", a.Id, b.Id);
            Part("finding", a.Finding, b.Finding);
            Part("category", a.Category, b.Category);
            Part("scope", a.Scope.ToString().ToLowerInvariant(), b.Scope.ToString().ToLowerInvariant());
            Part("source", a.Source, b.Source);
            if (!string.Equals(a.Message.CanonicalForm, b.Message.CanonicalForm, StringComparison.Ordinal))
            {
                parts.Add("message reworded");
            }

            if (parts.Count > 0)
            {
                c.Add(ChangeKind.Changed, "check", $"{b.Finding} ({b.Id})", Describe(a, before), Describe(b, after),
                    $"check {b.Finding} ({(a.Id == b.Id ? b.Id : $"{a.Id} -> {b.Id}")}): {string.Join("; ", parts)}", a.Location, b.Location);
            }
        }

        foreach (var b in after.Checks.Where(x => !matched.Contains(x)))
        {
            c.Add(ChangeKind.Added, "check", $"{b.Finding} ({b.Id})", null, Describe(b, after), $"check {b.Finding} ({b.Id}, {b.Severity.ToString().ToLowerInvariant()}) is added: it fires when {Condition(b.When, after)}", null, b.Location);
        }
    }

    private static string Describe(Check c, RuleSet ruleSet) => $"{c.Severity.ToString().ToLowerInvariant()} {c.Finding} when {Condition(c.When, ruleSet)}";

    private static string Effect(CheckEffect e) => e switch
    {
        StopEffect => "stop coding the procedure",
        ReplaceEffect r => $"replace the lines with {r.Code} x{r.Units}",
        AddModifierEffect a => $"append modifier {a.Modifier}" + (a.Codes.IsEmpty ? string.Empty : $" to {string.Join(", ", a.Codes)}"),
        RecodeEffect r => $"re-code {r.From} as {r.To}",
        RecountEffect r => $"count family {r.Family} from ladder position {r.After + 1}",
        ExcludeEffect => "leave the joint out of the counting",
        _ => "finding only",
    };

    private static IEnumerable<RuleChange> CompareTests(IEnumerable<RuleTestFile> before, IEnumerable<RuleTestFile> after)
    {
        // Cases are matched by rule set and name; when one name is used in several test files of a rule set (one
        // per version), by file name too.
        static string File(RuleTestFile f) => Path.GetFileName(f.Location.Path);
        static Dictionary<(string, string), List<(string File, RuleTestCase Case)>> Index(IEnumerable<RuleTestFile> files) =>
            files.SelectMany(f => f.Cases.Select(c => (f.RuleSetId, File: File(f), Case: c)))
                .GroupBy(x => (x.RuleSetId, x.Case.Name))
                .ToDictionary(g => g.Key, g => g.Select(x => (x.File, x.Case)).OrderBy(x => x.File, StringComparer.Ordinal).ToList());
        var left = Index(before);
        var right = Index(after);
        foreach (var key in left.Keys.Union(right.Keys).OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal))
        {
            var (ruleSet, name) = key;
            var a = left.GetValueOrDefault(key) ?? [];
            var b = right.GetValueOrDefault(key) ?? [];
            List<(RuleTestCase? Before, RuleTestCase? After)> pairs = a.Count == 1 && b.Count == 1
                ? [(a[0].Case, b[0].Case)]
                : [.. a.Select(x => ((RuleTestCase?)x.Case, (RuleTestCase?)b.FirstOrDefault(y => y.File == x.File).Case)),
                   .. b.Where(y => !a.Any(x => x.File == y.File)).Select(y => ((RuleTestCase?)null, (RuleTestCase?)y.Case))];
            foreach (var (x, y) in pairs)
            {
                if (x is not null && y is null)
                {
                    yield return new RuleChange(ChangeKind.Removed, ruleSet, "tests", "test", name, Expectation(x), null, $"test '{name}' is removed", x.Location, null);
                }
                else if (x is null && y is not null)
                {
                    yield return new RuleChange(ChangeKind.Added, ruleSet, "tests", "test", name, null, Expectation(y), $"test '{name}' is added", null, y.Location);
                }
                else if (x is not null && y is not null && (Expectation(x) != Expectation(y) || !x.EncounterJson.Span.SequenceEqual(y.EncounterJson.Span)))
                {
                    yield return new RuleChange(ChangeKind.Changed, ruleSet, "tests", "test", name, Expectation(x), Expectation(y), $"test '{name}' changed its encounter or expectation", x.Location, y.Location);
                }
            }
        }
    }

    private static string Expectation(RuleTestCase c) =>
        $"lines [{(c.Lines is { } l ? string.Join("; ", l.Select(x => x.ToString()).Order(StringComparer.Ordinal)) : "-")}] " +
        $"findings [{(c.Findings is { } f ? string.Join(", ", f.Order(StringComparer.Ordinal)) : "-")}] " +
        $"errors [{(c.Errors is { } e ? string.Join(", ", e.Order(StringComparer.Ordinal)) : "-")}]";

    /// <summary>Collects the changes between two versions, wording each one.</summary>
    private sealed class Collector(RuleSet before, RuleSet after)
    {
        public List<RuleChange> Changes { get; } = [];

        public void Add(ChangeKind kind, string area, string item, string? was, string? now, string summary, SourceLocation? beforeAt, SourceLocation? afterAt) =>
            Changes.Add(new RuleChange(
                kind,
                after.Id,
                after.Version == before.Version ? after.Version : $"{before.Version} -> {after.Version}",
                area,
                item,
                was,
                now,
                summary,
                kind == ChangeKind.Added ? null : beforeAt ?? WrittenAt(before, area, item) ?? before.Location,
                kind == ChangeKind.Removed ? null : afterAt ?? WrittenAt(after, area, item) ?? after.Location));

        /// <summary>Where a changed item is written (a template, a library, the rule set's own file); a ladder step at its family.</summary>
        private static SourceLocation? WrittenAt(RuleSet ruleSet, string area, string item) =>
            ruleSet.WrittenAt(area, item) ?? ruleSet.WrittenAt(area == "ladder" ? "family" : area, item.Split(' ')[0]);

        public void Value(string area, string item, string? was, string? now, string what, SourceLocation? beforeAt = null, SourceLocation? afterAt = null)
        {
            if (string.Equals(was, now, StringComparison.Ordinal))
            {
                return;
            }

            var (kind, summary) = (was, now) switch
            {
                (null, _) => (ChangeKind.Added, $"{what} is now {now}"),
                (_, null) => (ChangeKind.Removed, $"{what} ({was}) is removed"),
                _ => (ChangeKind.Changed, $"{what} changed from {was} to {now}"),
            };
            Add(kind, area, item, was, now, summary, beforeAt, afterAt);
        }

        public void Set(string area, string item, ImmutableArray<string> was, ImmutableArray<string> now, string what)
        {
            var a = was.IsDefault ? [] : was.Order(StringComparer.Ordinal).ToList();
            var b = now.IsDefault ? [] : now.Order(StringComparer.Ordinal).ToList();
            if (!a.SequenceEqual(b))
            {
                Value(area, item, a.Count == 0 ? null : string.Join(", ", a), b.Count == 0 ? null : string.Join(", ", b), what);
            }
        }

        public void Keyed<T>(
            string area, IEnumerable<T> was, IEnumerable<T> now, Func<T, string> key, Func<T, string> show, Func<T, SourceLocation>? at = null,
            Action<T, T>? details = null, Func<T, T, bool>? same = null, bool changesOnly = false)
        {
            var a = was.ToDictionary(key, StringComparer.Ordinal);
            var b = now.ToDictionary(key, StringComparer.Ordinal);
            foreach (var (k, x) in a)
            {
                if (!b.TryGetValue(k, out var y))
                {
                    if (changesOnly)
                    {
                        continue;
                    }

                    Add(ChangeKind.Removed, area, k, show(x), null, $"{area} {k} ({show(x)}) is removed", at?.Invoke(x), null);
                    continue;
                }

                if (same is null ? show(x) != show(y) : !same(x, y))
                {
                    Add(ChangeKind.Changed, area, k, show(x), show(y), $"{area} {k} changed from {show(x)} to {show(y)}", at?.Invoke(x), at?.Invoke(y));
                }

                details?.Invoke(x, y);
            }

            foreach (var (k, y) in b.Where(p => !changesOnly && !a.ContainsKey(p.Key)))
            {
                Add(ChangeKind.Added, area, k, null, show(y), $"{area} {k} is added ({show(y)})", null, at?.Invoke(y));
            }
        }
    }
}
