using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Catalog;
using CodingRules.Encounters;
using CodingRules.Results;
using CodingRules.Tests.Cli;
using CodingRules.Tests.Diff;

namespace CodingRules.Tests.Audit;

/// <summary>
/// The NCCI edits as quarterly data files in CMS's layout, read by the shipped layouts and edits
/// (rules/shared/ncci-files.yaml, ncci-mue-audit.yaml, ncci-ptp-audit.yaml, modifiers.yaml) from quarters written
/// per test: each quarter is a version with its own file, a claim is audited with the file of its date, a diff
/// between quarters lists the changed rows at their file lines, and a bad file gives located diagnostics.
/// </summary>
public sealed class NcciTableTests : IDisposable
{
    private const string MueHeader =
        "Disclaimer: CPT codes and descriptions only are copyright of their owner.\n" +
        "HCPCS/CPT Code\tPractitioner Services MUE Values\tMUE Adjudication Indicator\tMUE Rationale\n";

    private const string PtpHeader =
        "Column 1/Column 2 Edits\n" +
        "Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale\n";

    private readonly TempFolder _folder = new();

    public NcciTableTests()
    {
        foreach (var library in new[] { "ncci-files", "ncci-mue-audit", "ncci-ptp-audit", "modifiers" })
        {
            _folder.Write($"shared/{library}.yaml", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "rules", "shared", library + ".yaml")));
        }
    }

    public void Dispose() => _folder.Dispose();

    private void MueQuarter(string quarter, string rows, string? until = null) =>
        Quarter("ncci-mue-practitioner", "ncci-mue-audit", "mue", "cms-practitioner-mue", quarter, MueHeader + rows, until);

    private void PtpQuarter(string quarter, string rows) =>
        Quarter("ncci-ptp-practitioner", "ncci-ptp-audit", "ptp", "cms-ptp", quarter, PtpHeader + rows, null);

    private void Quarter(string id, string library, string table, string layout, string quarter, string data, string? until)
    {
        _folder.Write($"{id}/{quarter}.yaml", $"""
            ruleSet: {id}
            version: "{quarter}"
            kind: audit
            summary: Test quarter {quarter}.
            imports: [{library}]
            effective:
              from: {quarter}-01{(until is null ? string.Empty : $"\n  until: {until}")}
            tables:
              {table}: {"{"} file: {quarter}-{table}.txt, layout: {layout} {"}"}

            """);
        _folder.Write($"{id}/{quarter}-{table}.txt", data);
    }

    private RuleCatalog LoadClean()
    {
        var (catalog, diagnostics) = RuleCatalog.Load([_folder.Path]);
        Assert.Empty(diagnostics);
        return catalog;
    }

    private static Encounter Claim(string date, params BilledLine[] billed) =>
        new("E-NCCI", DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), null, null, [], [], [.. billed]);

    private static BilledLine Line(string code, int units, params string[] modifiers) => new(code, [.. modifiers], units);

    private static Finding[] Findings(EvaluationResult result, string id) => [.. result.Findings.Where(f => f.Id == id)];

    [Fact]
    public void AClaimIsAuditedWithTheFileOfTheQuarterOfItsDate()
    {
        MueQuarter("2024-01", "11111\t2\t2 Date of Service Edit: Policy\tAnatomic Consideration\n");
        MueQuarter("2024-04", "11111\t1\t2 Date of Service Edit: Policy\tAnatomic Consideration\n");
        var catalog = LoadClean();

        var january = catalog.Evaluate(Claim("2024-03-31", Line("11111", 2)));
        var april = catalog.Evaluate(Claim("2024-04-01", Line("11111", 2)));

        Assert.Empty(Findings(january, "E-UNITS-MUE"));
        var finding = Assert.Single(Findings(april, "E-UNITS-MUE"));
        Assert.Equal("2024-04", finding.Version);
        Assert.Contains("MUE of 1 per date of service (MAI 2", finding.Message, StringComparison.Ordinal);
        Assert.Contains(january.RuleSets, r => r.Id == "ncci-mue-practitioner" && r.Version == "2024-01");
    }

    [Fact]
    public void DateOfServiceEditsAddTheLinesOfACodeAndReportOnceLineEditsDoNot()
    {
        MueQuarter("2024-01", "11111\t1\t2 Date of Service Edit: Policy\t\n22222\t1\t1 Line Edit\t\n33333\t4\t3 Date of Service Edit: Clinical\t\n");
        var catalog = LoadClean();

        var result = catalog.Evaluate(Claim(
            "2024-02-01",
            Line("11111", 1, "RT"), Line("11111", 1, "LT"),
            Line("22222", 1, "RT"), Line("22222", 1, "LT"),
            Line("33333", 3, "RT"), Line("33333", 1, "LT")));

        var finding = Assert.Single(Findings(result, "E-UNITS-MUE"));
        Assert.Equal(0, finding.BilledLine); // the first line of 11111; 22222 is a line edit, 33333 is 4 units, not above 4
        Assert.Contains("billed for 2 unit(s)", finding.Message, StringComparison.Ordinal);

        var perLine = catalog.Evaluate(Claim("2024-02-01", Line("22222", 2)));
        Assert.Contains("per line", Assert.Single(Findings(perLine, "E-UNITS-MUE")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PairEditsFollowTheirModifierIndicatorAndTheirDates()
    {
        PtpQuarter(
            "2024-01",
            "10001\t20000\t\t20100101\t*\t0\tMutually exclusive procedures\n" +
            "10002\t20000\t\t20100101\t*\t1\tMisuse of column two code with column one code\n" +
            "10003\t20000\t\t20100101\t*\t9\tStandards of medical practice\n" +
            "10004\t20000\t*\t19960101\t20240115\t0\tDeleted on 2024-01-15\n" +
            "10005\t20000\t\t20240201\t*\t0\tNot yet in force in January\n");
        var catalog = LoadClean();

        string[] Paired(string date, string column1, params string[] modifiers) =>
            [.. Findings(catalog.Evaluate(Claim(date, Line(column1, 1), Line("20000", 1, modifiers))), "E-PTP").Select(f => f.Rule)];

        Assert.Equal(["pair-edit"], Paired("2024-01-10", "10001"));
        Assert.Equal(["pair-edit"], Paired("2024-01-10", "10001", "XS"));   // indicator 0: never bypassed
        Assert.Equal(["pair-edit"], Paired("2024-01-10", "10002"));
        Assert.Empty(Paired("2024-01-10", "10002", "XS"));                   // indicator 1: bypassed by an NCCI-associated modifier
        Assert.Empty(Paired("2024-01-10", "10002", "59"));
        Assert.Equal(["pair-edit"], Paired("2024-01-10", "10002", "LT"));    // not an NCCI-associated modifier
        Assert.Empty(Paired("2024-01-10", "10003"));                         // indicator 9: no edit
        Assert.Equal(["pair-edit"], Paired("2024-01-14", "10004"));
        Assert.Empty(Paired("2024-01-15", "10004"));                         // deleted from that date
        Assert.Empty(Paired("2024-01-31", "10005"));
        Assert.Equal(["pair-edit"], Paired("2024-02-01", "10005"));
        Assert.Empty(Findings(catalog.Evaluate(Claim("2024-01-10", Line("20000", 1), Line("10001", 1) with { Code = "99999" })), "E-PTP"));
    }

    [Fact]
    public void ADiffBetweenTwoQuartersListsTheChangedRowsAtTheirLines()
    {
        MueQuarter("2024-01", "11111\t1\t2 Date of Service Edit: Policy\tCMS Policy\n22222\t4\t3 Date of Service Edit: Clinical\tClinical: Data\n");
        MueQuarter("2024-04", "11111\t1\t2 Date of Service Edit: Policy\tCMS Policy\n22222\t3\t3 Date of Service Edit: Clinical\tClinical: Data\n33333\t1\t1 Line Edit\tCMS Policy\n");

        var run = CliProcess.Run(null, "diff", "ncci-mue-practitioner@2024-01", "ncci-mue-practitioner@2024-04", "--rules", _folder.Path);

        Assert.True(run.ExitCode == 1, run.ToString()); // 1: the versions differ
        Assert.Contains("~ table mue row 22222 changed from 22222 | 4 | 3 | Clinical: Data to 22222 | 3 | 3 | Clinical: Data", run.Out, StringComparison.Ordinal);
        Assert.Contains("+ table mue row 33333 is added (33333 | 1 | 1 | CMS Policy)", run.Out, StringComparison.Ordinal);
        Assert.Contains("2024-04-mue.txt:5", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("row 11111", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHashFollowsTheRowsNotTheDisclaimer()
    {
        MueQuarter("2024-01", "11111\t1\t2 Date of Service Edit: Policy\t\n");
        var before = Assert.Single(LoadClean().RuleSets).Sha256;

        _folder.Write("ncci-mue-practitioner/2024-01-mue.txt", "Another disclaimer line.\n" + MueHeader + "11111\t1\t2 Date of Service Edit: Policy\t\n");
        var reworded = Assert.Single(LoadClean().RuleSets).Sha256;
        _folder.Write("ncci-mue-practitioner/2024-01-mue.txt", MueHeader + "11111\t2\t2 Date of Service Edit: Policy\t\n");
        var changed = Assert.Single(LoadClean().RuleSets).Sha256;

        Assert.Equal(before, reworded);
        Assert.NotEqual(before, changed);
    }

    [Fact]
    public void ABadRowIsLocatedInTheDataFileAndTheOtherRowsLoad()
    {
        MueQuarter("2024-01", "11111\t1\t2 Date of Service Edit: Policy\t\n22222\tmany\t2 Date of Service Edit: Policy\t\n33333\t1\n");

        var (catalog, diagnostics) = RuleCatalog.Load([_folder.Path]);

        Assert.Equal(["CR4043", "CR4043"], diagnostics.Select(d => d.Id));
        var path = Path.Combine(_folder.Path, "ncci-mue-practitioner", "2024-01-mue.txt");
        Assert.Equal((path, 4, 7), (diagnostics[0].Location.Path, diagnostics[0].Location.Line, diagnostics[0].Location.Column));
        Assert.Contains("column value is 'many', expected a number", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(5, diagnostics[1].Location.Line);
        Assert.Empty(catalog.RuleSets); // an error keeps the version out, as for any rule file error
    }

    [Theory]
    [InlineData("missing.txt", "does not exist")]
    [InlineData("../outside.txt", "must be a path relative to the rule file's folder")]
    [InlineData("/etc/hostname", "must be a path relative to the rule file's folder")]
    public void AFileThatCannotBeReadIsLocatedAtItsName(string file, string why)
    {
        MueQuarter("2024-01", "11111\t1\t2 Date of Service Edit: Policy\t\n");
        var text = File.ReadAllText(Path.Combine(_folder.Path, "ncci-mue-practitioner", "2024-01.yaml")).Replace("2024-01-mue.txt", file, StringComparison.Ordinal);
        var path = _folder.Write("ncci-mue-practitioner/2024-01.yaml", text);

        var (_, diagnostics) = RuleCatalog.Load([_folder.Path]);

        var d = Assert.Single(diagnostics, d => d.Id == "CR4042");
        Assert.Equal(path, d.Location.Path);
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.Contains(file, StringComparison.Ordinal)) + 1, d.Location.Line);
        Assert.Contains(why, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkToAFileOutsideTheFolderIsNotRead()
    {
        using var outside = new TempFolder();
        var secret = outside.Write("secret.txt", MueHeader + "11111\t1\t2 Date of Service Edit: Policy\tsecret\n");
        MueQuarter("2024-01", "11111\t1\t2 Date of Service Edit: Policy\t\n");
        var data = Path.Combine(_folder.Path, "ncci-mue-practitioner", "2024-01-mue.txt");
        File.Delete(data);
        File.CreateSymbolicLink(data, secret);

        var (_, diagnostics) = RuleCatalog.Load([_folder.Path]);

        var d = Assert.Single(diagnostics, d => d.Id == "CR4042");
        Assert.Contains("outside the rule file's folder", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, x => x.Message.Contains("secret", StringComparison.Ordinal) && x.Id != "CR4042");
    }

    [Fact]
    public void AnUnknownLayoutAndABadKeyAreLocated()
    {
        MueQuarter("2024-01", "11111\t1\t2 Date of Service Edit: Policy\t\n");
        var text = File.ReadAllText(Path.Combine(_folder.Path, "ncci-mue-practitioner", "2024-01.yaml"))
            .Replace("layout: cms-practitioner-mue", "layout: cms-practitioner-meu", StringComparison.Ordinal);
        _folder.Write("ncci-mue-practitioner/2024-01.yaml", text);
        var files = File.ReadAllText(Path.Combine(_folder.Path, "shared", "ncci-files.yaml")).Replace("key: [column1, column2]", "key: [column1, colum2]", StringComparison.Ordinal);
        _folder.Write("shared/ncci-files.yaml", files);

        var (_, diagnostics) = RuleCatalog.Load([_folder.Path]);

        Assert.Contains(diagnostics, d => d.Id == "CR4044" && d.Message.Contains("did you mean 'cms-practitioner-mue'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "CR4045" && d.Message.Contains("'colum2'", StringComparison.Ordinal) && d.Location.Path.EndsWith("ncci-files.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void AFlatFileCarriesTheRowsAndLoadsAloneToTheSameAnswers()
    {
        MueQuarter("2024-01", "11111\t1\t2 Date of Service Edit: Policy\tCMS Policy\n22222\t4\t3 Date of Service Edit: Clinical\t\n");
        var catalog = LoadClean();
        var flat = catalog.Flat("ncci-mue-practitioner", "2024-01")!;
        using var alone = new TempFolder();
        alone.Write("mue/2024-01.yaml", flat);

        var (flatCatalog, diagnostics) = RuleCatalog.Load([alone.Path]);

        Assert.Empty(diagnostics);
        Assert.Contains("lines:", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("file:", flat, StringComparison.Ordinal);
        ImmutableArray<Encounter> claims = [Claim("2024-02-01", Line("11111", 2)), Claim("2024-02-01", Line("22222", 3, "RT"), Line("22222", 2, "LT"))];
        Assert.Equal(
            claims.Select(c => string.Join(",", catalog.Evaluate(c).Findings.Select(f => f.Message))),
            claims.Select(c => string.Join(",", flatCatalog.Evaluate(c).Findings.Select(f => f.Message))));
    }
}
