using System.Collections.Immutable;
using System.Text.Json;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Text;

namespace CodingRules.Tests.Golden;

/// <summary>
/// Acceptance: one rule file with a YAML error, a schema error and an expression type error yields exactly those
/// three diagnostics, each at its exact line and column, in the text, JSON and SARIF forms alike.
/// </summary>
public sealed class ThreeDiagnosticsTests
{
    private const string Path = "rules/three-diagnostics.yaml";

    // Line 3: 'fatal' is not a kind (CR1006 at 3:7); line 5: 'title' again (CR1008 at 5:1);
    // line 15: a number compared with a string (CR3005 at the operator, 15:40).
    private const string RuleFile = """
        ruleSet: three-diagnostics
        version: "2024-01"
        kind: fatal
        title: One rule file, three mistakes
        title: The same key again
        summary: A YAML error, a schema error and a type error.
        effective:
          from: 2024-01-01
        handles: [facet-joint-destruction]
        checks:
          - id: too-hot
            finding: E-TOO-HOT
            severity: error
            category: coding
            when: procedure.temperatureCelsius == "hot"
            message: The lesion was too hot.

        """;

    private static readonly (string Id, int Line, int Column)[] Expected =
    [
        ("CR1006", 3, 7),
        ("CR1008", 5, 1),
        ("CR3005", 15, 40),
    ];

    [Fact]
    public void TheLoaderReportsExactlyTheThreeMistakesAtTheirPlaces()
    {
        var diagnostics = Load(RuleFile);
        Assert.Equal(Expected, diagnostics.Select(d => (d.Id, d.Location.Line, d.Location.Column)));
        Assert.All(diagnostics, d => Assert.Equal(Path, d.Location.Path));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void TheTextFormPrintsPathLineColumnAndACaretUnderEachMistake()
    {
        var lines = DiagnosticFormatter.ToText(Load(RuleFile)).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var heads = lines.Where(l => l.StartsWith(Path, StringComparison.Ordinal)).ToList();
        Assert.Equal(Expected.Select(e => $"{Path}:{e.Line}:{e.Column}: error {e.Id}:"), heads.Select(h => string.Join(' ', h.Split(' ').Take(3))));

        // Each head is followed by the source line and a caret under the column.
        for (var i = 0; i < Expected.Length; i++)
        {
            var at = Array.IndexOf(lines, heads[i]);
            Assert.Equal("  " + RuleFile.Split('\n')[Expected[i].Line - 1], lines[at + 1]);
            Assert.Equal(Expected[i].Column + 1, lines[at + 2].IndexOf('^', StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheJsonFormCarriesTheSameIdsLinesAndColumns()
    {
        using var stream = new MemoryStream();
        DiagnosticFormatter.WriteJson(stream, Load(RuleFile));
        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(3, json.RootElement.GetProperty("count").GetInt32());
        var actual = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => (d.GetProperty("id").GetString()!, d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32()));
        Assert.Equal(Expected, actual);
        Assert.All(json.RootElement.GetProperty("diagnostics").EnumerateArray(), d => Assert.Equal(Path, d.GetProperty("path").GetString()));
    }

    [Fact]
    public void TheSarifFormCarriesTheSameIdsLinesAndColumns()
    {
        using var stream = new MemoryStream();
        DiagnosticFormatter.WriteSarif(stream, Load(RuleFile), "test");
        using var sarif = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = sarif.RootElement.GetProperty("runs")[0];
        var actual = run.GetProperty("results").EnumerateArray().Select(r =>
        {
            var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            var region = location.GetProperty("region");
            Assert.Equal(Path, location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal("error", r.GetProperty("level").GetString());
            return (r.GetProperty("ruleId").GetString()!, region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32());
        });
        Assert.Equal(Expected, actual);
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Equal(["CR1006", "CR1008", "CR3005"], rules);
    }

    /// <summary>The brief's variant: the schema error sits inside a list item (a check's severity).</summary>
    [Fact]
    public void ASchemaErrorInsideACheckIsReportedAtItsValue()
    {
        var text = RuleFile.Replace("kind: fatal", "kind: coding", StringComparison.Ordinal)
            .Replace("severity: error", "severity: fatal", StringComparison.Ordinal);
        var diagnostics = Load(text);
        Assert.Equal(
            [("CR1008", 5, 1), ("CR1006", 13, 15), ("CR3005", 15, 40)],
            diagnostics.Select(d => (d.Id, d.Location.Line, d.Location.Column)));
    }

    private static ImmutableArray<Diagnostic> Load(string text)
    {
        var bag = new DiagnosticBag();
        Assert.Null(RuleFileLoader.LoadText(SourceText.From(Path, text), bag));
        return bag.ToSortedArray();
    }
}
