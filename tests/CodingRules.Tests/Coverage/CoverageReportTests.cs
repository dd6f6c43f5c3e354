using CodingRules.Catalog;
using CodingRules.Evaluation;
using CodingRules.Testing;

namespace CodingRules.Tests.Coverage;

/// <summary>
/// What <see cref="CoverageReport"/> counts: checks (fired, evaluated but never fired, never evaluated), ladder steps,
/// families, findings and look-up keys, each at its line; a template's items once; data table rows apart.
/// </summary>
public sealed class CoverageReportTests
{
    private static CoverageItem Item(CoverageReport report, CoverageKind kind, string name) =>
        Assert.Single(report.Items, i => i.Kind == kind && i.Name == name);

    [Fact]
    public void ACheckNoCaseFiresIsUncoveredAtItsLineThoughItWasEvaluated()
    {
        using var tree = new CoverageTree();
        var (report, _) = tree.Run();
        var check = Item(report, CoverageKind.Check, "many-joints");
        Assert.False(check.Covered);
        Assert.Equal(1, check.Evaluated);
        Assert.Equal(CoverageTree.LineOf(CoverageTree.Demo, "id: many-joints"), check.Location.Line);
        Assert.EndsWith(Path.Combine("demo", "2020-01.yaml"), check.Location.Path, StringComparison.Ordinal);
        Assert.Equal("demo@2020-01", check.Owner);
        Assert.Equal("check many-joints (W-MANY) never fired (evaluated 1 time)", check.Gap);
        Assert.False(Item(report, CoverageKind.Finding, "W-MANY").Covered);
    }

    [Fact]
    public void ACaseThatFiresTheCheckAndReachesTheAddOnCoversThem()
    {
        using var tree = new CoverageTree();
        tree.AddThreeJointsCase();
        var (report, _) = tree.Run();
        Assert.True(Item(report, CoverageKind.Check, "many-joints").Covered);
        Assert.True(Item(report, CoverageKind.Finding, "W-MANY").Covered);
        Assert.True(Item(report, CoverageKind.LadderStep, "step 2 of lumbar (22222, positions 2..)").Covered);
        Assert.True(Item(report, CoverageKind.LookupRow, "weights L5-S1").Covered);
        Assert.Equal(2, Item(report, CoverageKind.Check, "many-joints").Evaluated);
    }

    [Fact]
    public void AnAddOnStepNeverReachedAndAKeyNeverLookedUpAreUncovered()
    {
        using var tree = new CoverageTree();
        var (report, _) = tree.Run();
        Assert.True(Item(report, CoverageKind.LadderStep, "step 1 of lumbar (11111, positions 1..1)").Covered);
        Assert.False(Item(report, CoverageKind.LadderStep, "step 2 of lumbar (22222, positions 2..)").Covered);
        Assert.True(Item(report, CoverageKind.Family, "lumbar").Covered);
        Assert.True(Item(report, CoverageKind.LookupRow, "weights L4-L5").Covered);
        var unread = Item(report, CoverageKind.LookupRow, "weights L5-S1");
        Assert.False(unread.Covered);
        Assert.Equal(CoverageTree.LineOf(CoverageTree.Demo, "weights:"), unread.Location.Line);
    }

    [Fact]
    public void ATemplatesCheckIsOneItemCoveredWhenAnyVersionBuiltOnItFiresIt()
    {
        using var tree = new CoverageTree();
        var (report, _) = tree.Run();
        var check = Item(report, CoverageKind.Check, "no-joints");
        Assert.True(check.Covered);
        Assert.Equal("tpl@base (template)", check.Owner);
        Assert.Equal(CoverageTree.LineOf(CoverageTree.Template, "id: no-joints"), check.Location.Line);
        // The template's family is one item too, never coded: the only case stops before coding.
        Assert.False(Item(report, CoverageKind.Family, "cervical").Covered);
        Assert.DoesNotContain(report.Items, i => i.Owner.StartsWith("tpl-", StringComparison.Ordinal));
    }

    [Fact]
    public void ACheckAStopSkipsIsNeverEvaluated()
    {
        using var tree = new CoverageTree();
        tree.Write("tpl/base.yaml", CoverageTree.Template + """

  - id: unreached
    finding: W-UNREACHED
    severity: warning
    category: coding
    when: count(procedure.joints) == 0
    message: Never reached.
    source: S-1
""");
        var (report, _) = tree.Run();
        var check = Item(report, CoverageKind.Check, "unreached");
        Assert.Equal(0, check.Evaluated);
        Assert.Equal("check unreached (W-UNREACHED) never evaluated", check.Gap);
    }

    [Fact]
    public void OnlyTheSelectedCasesCount()
    {
        using var tree = new CoverageTree();
        tree.AddThreeJointsCase();
        var (report, results) = tree.Run((_, c, _) => !c.Name.Contains("Three", StringComparison.Ordinal));
        Assert.Equal(2, results.Length);
        Assert.False(Item(report, CoverageKind.Check, "many-joints").Covered);
    }

    [Fact]
    public void TheFigureCountsCoveredItemsOfAllItemsAndNeverRoundsUpToAThreshold()
    {
        using var tree = new CoverageTree();
        var (report, _) = tree.Run();
        Assert.Equal(13, report.Items.Length);
        Assert.Equal(5, report.Covered);
        Assert.Equal(100.0 * 5 / 13, report.Percent, 9);
        Assert.Equal("38.4%", report.PercentText);
        Assert.Equal("89.9%", CoverageReport.Format(89.96));
    }

    [Fact]
    public void ShippedDataTableRowsAreCountedReadAgainstHeldAndLeftOutOfTheItems()
    {
        var (catalog, _) = RuleCatalog.Load([ShippedRules.Folder]);
        var recorder = new CoverageRecorder();
        catalog.RunTests((f, _, _) => f.RuleSetId.StartsWith("ncci-mue", StringComparison.Ordinal), recorder);
        var report = CoverageReport.Build(catalog.RuleSets, catalog.Templates.Concat(catalog.Libraries), recorder);
        var mue = Assert.Single(report.Tables, t => t.Table == "mue");
        Assert.InRange(mue.RowsRead, 1, mue.RowsHeld - 1);
        Assert.Equal(catalog.RuleSets.Single(r => r.DataTables.Any(d => d.Name == "mue")).DataTables.Single().Rows.Length, mue.RowsHeld);
        Assert.DoesNotContain(report.Items, i => i.Name.StartsWith("mue", StringComparison.Ordinal));
    }

    [Fact]
    public void CollectingCoverageChangesNoResult()
    {
        var (catalog, _) = RuleCatalog.Load([ShippedRules.Folder]);
        var recorder = new CoverageRecorder();
        var plain = catalog.RunTests();
        var covered = catalog.RunTests(null, recorder);
        Assert.Equal(plain.Length, covered.Length);
        for (var i = 0; i < plain.Length; i++)
        {
            Assert.Equal(Json(plain[i].Actual), Json(covered[i].Actual));
        }
    }

    private static string Json(Results.EvaluationResult result) =>
        string.Join("; ", result.Lines.Select(l => $"{l} [{string.Join(", ", l.Joints)}] {l.Rule}")) + " | " + string.Join("; ", result.Findings.Select(f => $"{f.Id}: {f.Message}"));
}
