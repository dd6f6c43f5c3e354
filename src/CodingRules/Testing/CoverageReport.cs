using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Composition;
using CodingRules.Evaluation;
using CodingRules.Model;
using CodingRules.Text;

namespace CodingRules.Testing;

/// <summary>
/// Test coverage of rule set versions: which checks, ladder steps, families, findings and look-up rows test cases
/// exercised (the <see cref="CoverageRecorder"/> of their run says), and how many rows of each data table they read.
/// <para>
/// An item is identified by where it is written, so a check a template writes is one item, covered when the run of any
/// version built on it covers it; what a version writes itself (its own checks, overrides) is an item of that version.
/// The figure (<see cref="Percent"/>) counts every item alike; data table rows are reported per table and left out of
/// it (a table of two million rows would swamp it, and a test reads the rows its cases name, not a sample).
/// </para>
/// Immutable.
/// </summary>
public sealed record CoverageReport(ImmutableArray<CoverageItem> Items, ImmutableArray<TableRowCoverage> Tables)
{
    /// <summary>The items exercised.</summary>
    public int Covered => Items.Count(i => i.Covered);

    /// <summary>Covered items as a percentage of all items (100 when there are none).</summary>
    public double Percent => Items.IsEmpty ? 100 : 100.0 * Covered / Items.Length;

    /// <summary>
    /// <see cref="Percent"/> written with one decimal, rounded down, so that a figure below a threshold never prints as
    /// the threshold (<c>89.96</c> is <c>89.9%</c>).
    /// </summary>
    public string PercentText => Format(Percent);

    /// <summary>A percentage with one decimal, rounded down.</summary>
    public static string Format(double percent) =>
        (Math.Floor(percent * 10) / 10).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// The coverage of <paramref name="ruleSets"/> by the evaluations <paramref name="recorder"/> saw.
    /// <paramref name="documents"/> name the templates and libraries the items may be written in (the catalog's).
    /// </summary>
    public static CoverageReport Build(IEnumerable<RuleSet> ruleSets, IEnumerable<RuleDocument> documents, CoverageRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(recorder);
        var versions = ruleSets.ToList();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            owners.TryAdd(d.Source.Path, d.Kind == DocumentKind.Template ? $"{d.Name} (template)" : d.Name);
        }

        foreach (var r in versions)
        {
            owners[r.Location.Path] = $"{r.Id}@{r.Version}";
        }

        var items = new Dictionary<(CoverageKind Kind, string Name, SourceLocation At), (int Evaluated, int Hits, string? Finding)>();
        void Add(CoverageKind kind, string name, SourceLocation at, int evaluated, int hits, string? finding = null)
        {
            var (e, h, _) = items.GetValueOrDefault((kind, name, at));
            items[(kind, name, at)] = (e + evaluated, h + hits, finding);
        }

        var tables = new Dictionary<(string File, string Table), (string Owner, HashSet<int> Read, int Held)>();
        foreach (var r in versions)
        {
            foreach (var check in r.Checks)
            {
                var counts = recorder.Of(check);
                Add(CoverageKind.Check, check.Id, Line(check.Location), counts.Evaluated, counts.Fired, check.Finding);
            }

            // A finding is an item of each file whose checks raise it, at the first of them.
            foreach (var group in r.Checks.GroupBy(c => (c.Finding, c.Location.Path)))
            {
                var fired = group.Sum(c => recorder.Of(c).Fired);
                Add(CoverageKind.Finding, group.Key.Finding, Line(group.Min(c => c.Location)), fired, fired);
            }

            foreach (var family in r.Families)
            {
                var at = Line(r.WrittenAt("family", family.Id) ?? r.Location);
                var coded = 0;
                for (var s = 0; s < family.Ladder.Length; s++)
                {
                    var step = family.Ladder[s];
                    var lines = recorder.LinesCoded(step);
                    coded += lines;
                    var positions = step.To is { } to ? $"{step.From}..{to}" : $"{step.From}..";
                    var stepAt = Line(r.WrittenAt("ladder", string.Create(CultureInfo.InvariantCulture, $"{family.Id} step {s + 1}")) ?? r.WrittenAt("family", family.Id) ?? r.Location);
                    Add(CoverageKind.LadderStep, string.Create(CultureInfo.InvariantCulture, $"step {s + 1} of {family.Id} ({step.Code}, positions {positions})"), stepAt, lines, lines);
                }

                Add(CoverageKind.Family, family.Id, at, coded, coded);
            }

            foreach (var (name, table) in r.Tables)
            {
                var at = Line(r.WrittenAt("table", name) ?? r.Location);
                foreach (var key in table.Keys.Order(StringComparer.Ordinal))
                {
                    var read = recorder.WasRead(table, key) ? 1 : 0;
                    Add(CoverageKind.LookupRow, $"{name} {key}", at, read, read);
                }
            }

            foreach (var table in r.DataTables)
            {
                if (!tables.TryGetValue((table.FilePath, table.Name), out var entry))
                {
                    tables[(table.FilePath, table.Name)] = entry = ($"{r.Id}@{r.Version}", [], table.Rows.Length);
                }

                if (recorder.RowsRead(table) > 0)
                {
                    foreach (var row in table.Rows)
                    {
                        if (recorder.WasRead(table, row))
                        {
                            entry.Read.Add(row.Line);
                        }
                    }
                }
            }
        }

        string OwnerOf(SourceLocation at) => owners.GetValueOrDefault(at.Path) ?? at.Path;
        return new CoverageReport(
            [.. items.Select(i => new CoverageItem(OwnerOf(i.Key.At), i.Key.Kind, i.Key.Name, i.Key.At, i.Value.Evaluated, i.Value.Hits) { Finding = i.Value.Finding })
                .OrderBy(i => i.Location).ThenBy(i => i.Kind).ThenBy(i => i.Name, StringComparer.Ordinal)],
            [.. tables.Select(t => new TableRowCoverage(t.Value.Owner, t.Key.Table, t.Key.File, t.Value.Read.Count, t.Value.Held))
                .OrderBy(t => t.Owner, StringComparer.Ordinal).ThenBy(t => t.Table, StringComparer.Ordinal)]);
    }

    /// <summary>Items are told apart by file and line (a column differs between a template and a flat copy of it).</summary>
    private static SourceLocation Line(SourceLocation at) => at with { Column = 1 };
}
