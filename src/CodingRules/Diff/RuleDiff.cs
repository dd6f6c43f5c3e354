using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Model;
using CodingRules.Testing;
using CodingRules.Text;

namespace CodingRules.Diff;

/// <summary>
/// Compares compiled rule sets, not text: formatting, comments and key order never show up; every change is named
/// in the domain's words (a code, a ladder step, a check's condition...). Pure and deterministic: the changes come
/// sorted by rule set, version, area and item, whatever order the inputs are in.
/// </summary>
public static partial class RuleDiff
{
    /// <summary>
    /// Compares two sets of rule set versions (e.g. two rule folders): versions matched by rule set id and version
    /// label; a version on one side only is added or removed as a whole. Test cases are compared when given.
    /// </summary>
    public static ImmutableArray<RuleChange> Compare(
        IEnumerable<RuleSet> before, IEnumerable<RuleSet> after, IEnumerable<RuleTestFile>? beforeTests = null, IEnumerable<RuleTestFile>? afterTests = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<RuleChange>();
        var left = before.ToDictionary(r => (r.Id, r.Version));
        var right = after.ToDictionary(r => (r.Id, r.Version));
        foreach (var (key, a) in left)
        {
            if (right.TryGetValue(key, out var b))
            {
                changes.AddRange(CompareVersions(a, b));
            }
            else
            {
                changes.Add(new RuleChange(ChangeKind.Removed, a.Id, a.Version, "version", a.Version, Period(a), null,
                    $"version {a.Version} of {a.Id} ({Period(a)}) is removed", a.Location, null));
            }
        }

        foreach (var (key, b) in right)
        {
            if (!left.ContainsKey(key))
            {
                changes.Add(new RuleChange(ChangeKind.Added, b.Id, b.Version, "version", b.Version, null, Period(b),
                    $"version {b.Version} of {b.Id} is added ({Period(b)})", null, b.Location));
            }
        }

        changes.AddRange(CompareTests(beforeTests ?? [], afterTests ?? []));
        return Sort(changes);
    }

    /// <summary>Compares two versions (usually of one rule set: what changed from one version to the next).</summary>
    public static ImmutableArray<RuleChange> CompareVersions(RuleSet before, RuleSet after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var c = new Collector(before, after);
        c.Value("identity", "kind", before.Kind, after.Kind, "kind");
        c.Value("identity", "title", Squash(before.Title), Squash(after.Title), "title", before.Spans.Title?.Location, after.Spans.Title?.Location);
        if (Squash(before.Summary) != Squash(after.Summary))
        {
            // Note: a summary is a paragraph; the review needs to know it changed, the texts are in Before/After.
            c.Add(ChangeKind.Changed, "identity", "summary", Squash(before.Summary), Squash(after.Summary), "summary reworded", before.Spans.Summary?.Location, after.Spans.Summary?.Location);
        }
        c.Set("identity", "handles", before.Handles, after.Handles, "procedure kinds handled");
        c.Set("identity", "payers", before.Payers, after.Payers, "payers");
        c.Value("effective", "from", Iso(before.Effective.From), Iso(after.Effective.From), "in force from");
        c.Value("effective", "until", before.DeclaredUntil is { } bu ? Iso(bu) : null, after.DeclaredUntil is { } au ? Iso(au) : null, "written end date");
        // Note: parameters and definitions are names for parts of the rule set, not parts of its meaning: one that
        // appears or goes is no change (its uses show any), one whose value changed is listed to explain the changes
        // it causes, where it is written.
        c.Keyed("parameter", before.Parameters, after.Parameters, p => p.Name, ParameterText, p => p.Location, changesOnly: true);
        c.Keyed("definition", before.Definitions, after.Definitions, d => d.Name, d => $"{d} = {Squash(d.Text)}", changesOnly: true);
        c.Keyed("source", before.Sources.Values, after.Sources.Values, s => s.Id, s => $"{Squash(s.Title)} <{s.Url}>");
        c.Keyed("code", before.Codes.Values, after.Codes.Values, x => x.Code, x => Squash(x.Description) + (x.IsAddOn ? " (add-on)" : string.Empty));
        // Note: levels and nerves are compared by the region the vocabulary gives them; counting by region groups
        // is one change of its own (useRegionGroups), not one per level.
        c.Keyed("level", before.Levels.Values, after.Levels.Values, l => l.Id, l => l.VocabularyRegion + (l.Supply.IsEmpty ? string.Empty : " <- " + string.Join(" + ", l.Supply)));
        c.Keyed("nerve", before.Nerves.Values, after.Nerves.Values, n => n.Id, n => n.VocabularyRegion);
        c.Value("laterality", "left", before.Laterality.Left, after.Laterality.Left, "left-side modifier");
        c.Value("laterality", "right", before.Laterality.Right, after.Laterality.Right, "right-side modifier");
        c.Value("laterality", "bilateral", before.Laterality.Bilateral, after.Laterality.Bilateral, "both-sides modifier");
        c.Value("laterality", "separateSidesWhen", before.SeparateSidesWhen?.Text.Trim(), after.SeparateSidesWhen?.Text.Trim(), "condition for reporting both sides on separate lines");
        c.Value("whole joint", "level", before.WholeJointLevel, after.WholeJointLevel, "whole-joint level");
        c.Value("sessions", "combineEntries", Flag(before.CombineEntries), Flag(after.CombineEntries), "procedure entries that differ only in their targets coded as one session", before.Spans.CombineEntries?.Location, after.Spans.CombineEntries?.Location);
        c.Value("sessions", "useRegionGroups", Flag(before.UsesRegionGroups), Flag(after.UsesRegionGroups), "regions counted by region groups", before.Spans.UseRegionGroups?.Location, after.Spans.UseRegionGroups?.Location);
        CompareFamilies(c, before, after);
        CompareChecks(c, before, after);
        c.Keyed("extra line", before.ExtraLines, after.ExtraLines, e => e.Id, e => $"{e.Code} x{e.Units} when {Condition(e.When.Text)}", e => e.Location,
            same: (x, y) => x.Code == y.Code && x.Units == y.Units && SameCondition(x.When, y.When));
        CompareTables(c, before, after);
        return Sort(c.Changes);
    }

    /// <summary>
    /// The rows of the look-up tables (by table and key) and of the data tables (by table and key columns, with the
    /// data file's line): a quarter's new MUE value is one changed row, not a changed hash.
    /// </summary>
    private static void CompareTables(Collector c, RuleSet before, RuleSet after)
    {
        static IEnumerable<(string Key, string Text, SourceLocation? At)> Inline(RuleSet r, string table) =>
            r.Tables.TryGetValue(table, out var rows) ? rows.Select(p => (p.Key, p.Value.ToDisplayString(), (SourceLocation?)null)) : [];

        static IEnumerable<(string Key, string Text, SourceLocation? At)> Data(RuleSet r, string table) =>
            r.DataTables.FirstOrDefault(d => d.Name == table) is { } t ? t.ByKey().Select(g => (g.Key, g.Text, (SourceLocation?)g.At)) : [];

        foreach (var table in before.Tables.Keys.Union(after.Tables.Keys).Order(StringComparer.Ordinal))
        {
            c.Keyed($"table {table} row", Inline(before, table), Inline(after, table), x => x.Key, x => x.Text);
        }

        foreach (var table in before.DataTables.Select(d => d.Name).Union(after.DataTables.Select(d => d.Name)).Order(StringComparer.Ordinal))
        {
            c.Keyed($"table {table} row", Data(before, table), Data(after, table), x => x.Key, x => x.Text, x => x.At!.Value);
        }
    }

    private static ImmutableArray<RuleChange> Sort(IEnumerable<RuleChange> changes) =>
        [.. changes
            .OrderBy(x => x.RuleSet, StringComparer.Ordinal)
            .ThenBy(x => x.Version, StringComparer.Ordinal)
            .ThenBy(x => x.Area, StringComparer.Ordinal)
            .ThenBy(x => x.Item, StringComparer.Ordinal)
            .ThenBy(x => x.Kind)];

    internal static string Period(RuleSet r) =>
        r.DeclaredUntil is { } u ? $"{Iso(r.Effective.From)} to {Iso(u)}" : $"from {Iso(r.Effective.From)}";

    private static string Flag(bool value) => value ? "true" : "false";

    internal static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A condition as shown: whitespace folded.</summary>
    internal static string Condition(string text) => Squash(text);

    /// <summary>
    /// A condition as shown: whitespace folded, and the values of the rule set's parameters that are single values
    /// written in (<c>count(session.levels) &gt; 2</c> for <c>... &gt; params.levelLimit</c>), so a change of a parameter
    /// reads as the change of meaning it is. Lists stay named (they would bury the condition).
    /// </summary>
    internal static string Condition(Language.CompiledExpression expression, RuleSet ruleSet) =>
        ParameterReference().Replace(Condition(expression.Text), m => ruleSet.Parameters.FirstOrDefault(p => p.Name == m.Groups[1].Value) is { } p && p.Value.Kind != Language.TypeKind.List
            ? ParameterText(p)
            : m.Value);

    /// <summary>Two conditions of different meaning as shown; when they read the same, a note that something they use changed (a definition: its change is listed too).</summary>
    internal static (string Was, string Now) Condition(Language.CompiledExpression a, RuleSet before, Language.CompiledExpression b, RuleSet after)
    {
        var (was, now) = (Condition(a, before), Condition(b, after));
        return was != now ? (was, now) : (was, now + " (a definition it uses changed)");
    }

    /// <summary>A parameter's value as written in an expression: texts quoted.</summary>
    internal static string ParameterText(RuleSetParameter p) => p.Value.Kind switch
    {
        Language.TypeKind.String => "\"" + p.Value.ToDisplayString() + "\"",
        _ => p.Value.ToDisplayString(),
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\bparams\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial System.Text.RegularExpressions.Regex ParameterReference();

    /// <summary>
    /// Two conditions are the same when their checked trees have one canonical form (spacing, parentheses, the order of
    /// and/or operands and the other rewrites listed in docs/authoring.md are no change).
    /// </summary>
    internal static bool SameCondition(Language.CompiledExpression a, Language.CompiledExpression b) =>
        string.Equals(a.CanonicalForm, b.CanonicalForm, StringComparison.Ordinal);

    /// <summary>Whitespace runs folded to one space, so re-wrapping a message or title is no change.</summary>
    internal static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
