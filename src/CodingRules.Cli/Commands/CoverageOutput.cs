using System.Globalization;
using System.Text.Json;
using CodingRules.Testing;

namespace CodingRules.Cli.Commands;

/// <summary>Writes a <see cref="CoverageReport"/> for <c>test --coverage</c>: a table per rule set file and the items not covered, or one JSON document.</summary>
internal static class CoverageOutput
{
    /// <summary>The most uncovered items the text lists; the JSON document lists all.</summary>
    public const int MaxListed = 100;

    /// <summary>
    /// A table with one row per file that writes items (a version, a template, a library): per kind covered/total (and
    /// checks evaluated but never fired), and the file's figure; the data tables' rows read; the total line
    /// <c>Coverage: 87.3% (512 of 586 items)</c>; then the items not covered, <c>path:line: check X never fired</c>.
    /// </summary>
    public static void WriteText(TextWriter output, CoverageReport report)
    {
        var rows = report.Items.GroupBy(i => i.Owner, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var width = Math.Max("rule set".Length, rows.Count == 0 ? 0 : rows.Max(g => g.Key.Length));
        output.WriteLine();
        output.WriteLine($"{"rule set".PadRight(width)}  {"checks",9}  {"not fired",9}  {"steps",7}  {"families",8}  {"findings",9}  {"lookups",9}  {"covered",7}");
        foreach (var g in rows)
        {
            string Cell(CoverageKind kind, int pad)
            {
                var total = g.Count(i => i.Kind == kind);
                return (total == 0 ? "-" : $"{g.Count(i => i.Kind == kind && i.Covered)}/{total}").PadLeft(pad);
            }

            var notFired = g.Count(i => i.Kind == CoverageKind.Check && !i.Covered && i.Evaluated > 0);
            var percent = CoverageReport.Format(100.0 * g.Count(i => i.Covered) / g.Count());
            output.WriteLine($"{g.Key.PadRight(width)}  {Cell(CoverageKind.Check, 9)}  {notFired,9}  {Cell(CoverageKind.LadderStep, 7)}  {Cell(CoverageKind.Family, 8)}  {Cell(CoverageKind.Finding, 9)}  {Cell(CoverageKind.LookupRow, 9)}  {percent,7}");
        }

        if (!report.Tables.IsEmpty)
        {
            output.WriteLine("Data table rows read (counted apart, not in the figure):");
            foreach (var t in report.Tables)
            {
                output.WriteLine($"  {t.Owner} {t.Table}: {t.RowsRead.ToString("#,0", CultureInfo.InvariantCulture)} of {t.RowsHeld.ToString("#,0", CultureInfo.InvariantCulture)} rows ({t.File})");
            }
        }

        output.WriteLine($"Coverage: {report.PercentText} ({report.Covered} of {report.Items.Length} items)");
        var uncovered = report.Items.Where(i => !i.Covered).ToList();
        if (uncovered.Count == 0)
        {
            return;
        }

        output.WriteLine($"Not covered ({uncovered.Count}):");
        foreach (var item in uncovered.Take(MaxListed))
        {
            output.WriteLine($"  {item.Location.Path}:{item.Location.Line}: {item.Gap} [{item.Owner}]");
        }

        if (uncovered.Count > MaxListed)
        {
            output.WriteLine($"  ... and {uncovered.Count - MaxListed} more (--coverage-format json lists every item)");
        }
    }

    /// <summary>One JSON document: the test counts, the figure, the threshold, every item and every data table.</summary>
    public static void WriteJson(Stream output, CoverageReport report, int passed, int failed, double? threshold)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("tests");
            json.WriteNumber("passed", passed);
            json.WriteNumber("failed", failed);
            json.WriteEndObject();
            json.WriteStartObject("coverage");
            json.WriteNumber("percent", Math.Round(report.Percent, 2));
            json.WriteNumber("covered", report.Covered);
            json.WriteNumber("total", report.Items.Length);
            if (threshold is { } t)
            {
                json.WriteNumber("threshold", t);
                json.WriteBoolean("belowThreshold", report.Percent < t);
            }

            json.WriteStartArray("items");
            foreach (var item in report.Items)
            {
                json.WriteStartObject();
                json.WriteString("ruleSet", item.Owner);
                json.WriteString("kind", Name(item.Kind));
                json.WriteString("name", item.Name);
                json.WriteString("file", item.Location.Path);
                json.WriteNumber("line", item.Location.Line);
                json.WriteBoolean("covered", item.Covered);
                json.WriteNumber("hits", item.Hits);
                if (item.Kind == CoverageKind.Check)
                {
                    json.WriteString("finding", item.Finding);
                    json.WriteNumber("evaluated", item.Evaluated);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("tables");
            foreach (var table in report.Tables)
            {
                json.WriteStartObject();
                json.WriteString("ruleSet", table.Owner);
                json.WriteString("table", table.Table);
                json.WriteString("file", table.File);
                json.WriteNumber("rowsRead", table.RowsRead);
                json.WriteNumber("rowsHeld", table.RowsHeld);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.Write("\n"u8);
        output.Flush();
    }

    /// <summary>The kind's name in JSON: <c>check</c>, <c>ladderStep</c>, <c>family</c>, <c>finding</c>, <c>lookupRow</c>.</summary>
    private static string Name(CoverageKind kind) => kind switch
    {
        CoverageKind.Check => "check",
        CoverageKind.LadderStep => "ladderStep",
        CoverageKind.Family => "family",
        CoverageKind.Finding => "finding",
        _ => "lookupRow",
    };
}
