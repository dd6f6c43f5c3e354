using System.Text.Json;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Linting;
using CodingRules.Tests.Cli;
using CodingRules.Tests.Policies;
using static CodingRules.Tests.Policies.PolicyFiles;

namespace CodingRules.Tests.Linting;

/// <summary>
/// <c>codingrules lint</c> (CR6xxx): each check on a small rule tree that has the fault and on the same tree without it,
/// asserting ids and lines; the shipped rules lint clean; the CLI's exit codes, SARIF and the warnings in validate.
/// </summary>
public sealed class LintTests : IDisposable
{
    private readonly PolicyFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Check(string id, string when, string message = "fired", string extra = "") =>
        $"""
          - id: {id}
            finding: W-{id.ToUpperInvariant()}
            severity: warning
            category: coding
            when: {when}
            message: "{message}"
        {extra}

        """;

    private List<Diagnostic> Lint(string coding, string? policy = null)
    {
        _files.Write("demo-coding/2000-01.yaml", coding);
        if (policy is not null)
        {
            _files.Write("demo-policy/2020-01.yaml", policy);
        }

        var (catalog, diagnostics) = _files.Load();
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return [.. Linter.Run(catalog)];
    }

    private static int LineOf(string text, string fragment)
    {
        var at = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{fragment}' is in the text");
        return text[..at].Count(c => c == '\n') + 1;
    }

    [Fact]
    public void TheShippedRulesLintClean()
    {
        var (catalog, diagnostics) = RuleCatalog.Load([ShippedRules.Folder]);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(Linter.Run(catalog).Select(d => d.ToString()));
    }

    [Fact]
    public void ASourceNoCheckCitesAndNoTextNamesIsUnused()
    {
        var sources = "sources:\n  - { id: S-CITED, title: Cited by a check, note: Agrees with S-NAMED. }\n  - { id: S-NAMED, title: Named in another source's note }\n  - { id: S-IDLE, title: Named nowhere }\n";
        var checks = "checks:\n" + Check("imaging", "procedure.imaging == \"none\"", extra: "    source: S-CITED");
        var text = Coding(sources + checks);

        var d = Assert.Single(Lint(text));

        Assert.Equal(("CR6001", LineOf(text, "S-IDLE")), (d.Id, d.Location.Line));
        Assert.Contains("'S-IDLE'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACodeNoLineEffectConditionOrTableUsesIsUnused()
    {
        var text = Coding("checks:\n" + Check("unlisted", "procedure.imaging == \"none\"", extra: "    effect:\n      replace: { code: \"99999\" }")
                + Check("named", "procedure.kind == \"88888\""))
            .Replace("codes:\n", "codes:\n  - { code: \"99999\", description: Unlisted }\n  - { code: \"88888\", description: Named by a condition }\n  - { code: \"77777\", description: Used by nothing }\n", StringComparison.Ordinal);

        var d = Assert.Single(Lint(text));

        Assert.Equal(("CR6002", LineOf(text, "77777")), (d.Id, d.Location.Line));
    }

    [Fact]
    public void ADefinitionNothingReadsIsUnusedEvenWhenAnotherFoldsToAConstant()
    {
        var definitions = "definitions:\n  label: '\"demo\"'\n  imagingNone: procedure.imaging == \"none\"\n  idle: count(procedure.joints)\n";
        var text = Coding(definitions + "checks:\n" + Check("imaging", "imagingNone", message: "{label}"));

        var d = Assert.Single(Lint(text));

        Assert.Equal(("CR6004", LineOf(text, "idle:")), (d.Id, d.Location.Line));
    }

    [Fact]
    public void AParameterNoVersionReadsIsUnusedAndAParameterSwitchIsNoConstantCondition()
    {
        var template = Policy(
            "parameters:\n  enabled: { type: boolean, default: false }\n  idle: { type: string, default: x }\n  limit: { type: number, default: 2 }\n"
            + "checks:\n" + Check("levels", "params.enabled and count(procedure.joints) > params.limit").Replace("category: coding", "category: coverage", StringComparison.Ordinal))
            .Replace("version: \"2020-01\"", "version: base\ntemplate: true", StringComparison.Ordinal)
            .Replace("payers: [payer-a, payer-b]\n", string.Empty, StringComparison.Ordinal)
            .Replace("effective:\n  from: 2020-01-01\n", string.Empty, StringComparison.Ordinal);
        _files.Write("demo-policy/base.yaml", template);
        var version = "ruleSet: demo-policy\nversion: \"2020-01\"\nextends: demo-policy@base\npayers: [payer-a]\neffective: { from: 2020-01-01 }\n";

        var d = Assert.Single(Lint(Coding(), version));

        Assert.Equal(("CR6003", LineOf(template, "idle:")), (d.Id, d.Location.Line));
        Assert.EndsWith("base.yaml", d.Location.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void AComputedConstantConditionIsReportedButALiteralTrueIsNot()
    {
        var text = Coding("checks:\n" + Check("never", "1 == 2") + Check("always", "'true'"));

        var d = Assert.Single(Lint(text));

        Assert.Equal(("CR6005", LineOf(text, "1 == 2")), (d.Id, d.Location.Line));
        Assert.Contains("always false", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("procedure.imaging == \"ct\" and procedure.imaging == \"fluoroscopy\"", "CR6006")]
    [InlineData("count(procedure.joints) > 1 and not (count(procedure.joints) > 1)", "CR6006")]
    [InlineData("procedure.imaging == \"ct\" and procedure.imaging != \"ct\"", "CR6006")]
    [InlineData("procedure.imaging == \"ct\" or not (procedure.imaging == \"ct\")", "CR6005")]
    public void AConditionThatCanNeverHoldOrAlwaysHoldsIsReported(string when, string id)
    {
        var text = Coding("checks:\n" + Check("odd", when));

        var d = Assert.Single(Lint(text));

        Assert.Equal((id, LineOf(text, "id: odd") + 4), (d.Id, d.Location.Line));
    }

    [Fact]
    public void AConditionWithTwoDifferentFactsIsNoContradiction()
    {
        var text = Coding("checks:\n" + Check("fine", "procedure.imaging == \"ct\" and procedure.technique == \"radiofrequency\""));

        Assert.Empty(Lint(text));
    }

    [Fact]
    public void ACheckAfterAStopWhoseConditionHoldsWheneverItsDoesIsShadowed()
    {
        var checks = "checks:\n"
            + Check("no-joints", "count(procedure.joints) == 0", extra: "    effect: stop")
            + Check("no-joints-ct", "procedure.imaging == \"ct\" and count(procedure.joints) == 0")
            + Check("ct", "procedure.imaging == \"ct\"");
        var text = Coding(checks);

        var d = Assert.Single(Lint(text));

        Assert.Equal(("CR6009", LineOf(text, "procedure.imaging == \"ct\" and")), (d.Id, d.Location.Line));
        Assert.Contains("'no-joints'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARuleSetIdTypedInAMessageIsReported()
    {
        var text = Coding("checks:\n" + Check("typed", "procedure.imaging == \"none\"", message: "demo-coding says so") + Check("placeholder", "procedure.imaging == \"ct\"", message: "{ruleSet.id} says so"));

        var d = Assert.Single(Lint(text));

        Assert.Equal(("CR6008", LineOf(text, "demo-coding says so")), (d.Id, d.Location.Line));
    }

    [Fact]
    public void ATestDatedOutsideTheVersionItSitsBesideIsReportedButItsBoundaryDaysAreNot()
    {
        _files.Write("demo-coding/2010-01.yaml", Coding().Replace("version: \"2000-01\"", "version: \"2010-01\"", StringComparison.Ordinal).Replace("from: 2000-01-01", "from: 2010-01-01", StringComparison.Ordinal));
        static string Case(string name, string date) =>
            $"  - name: {name}\n    encounter: {{ dateOfService: '{date}', procedures: [{{ kind: demo-ablation, joints: [{{ level: L4-L5, side: right }}] }}] }}\n    expect: {{ lines: [{{ code: '11111', modifiers: [RT], units: 1 }}] }}\n";
        var tests = "tests: demo-coding\ncases:\n" + Case("inside", "2005-06-01") + Case("last day before", "1999-12-31") + Case("first day after", "2010-01-01") + Case("another version", "2012-03-04");
        _files.Write("demo-coding/2000-01.tests.yaml", tests);

        var d = Assert.Single(Lint(Coding()));

        Assert.Equal(("CR6007", LineOf(tests, "another version")), (d.Id, d.Location.Line));
        Assert.Contains("demo-coding@2010-01", d.Message, StringComparison.Ordinal);
        Assert.Contains("2010-01.tests.yaml", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALibraryNoRuleSetImportsIsReported()
    {
        var library = "library: idle\ntitle: Nobody imports this\ndefinitions:\n  x: '1'\n";
        _files.Write("shared/idle.yaml", library);

        var d = Assert.Single(Lint(Coding()));

        Assert.Equal(("CR6010", 1), (d.Id, d.Location.Line));
    }

    [Fact]
    public void TheCliLintsInTextAndSarifAndValidateCountsTheWarnings()
    {
        var text = Coding("checks:\n" + Check("never", "1 == 2"));
        _files.Write("demo-coding/2000-01.yaml", text);

        var plain = CliProcess.Run(null, "lint", "--rules", _files.Folder);
        var sarif = CliProcess.Run(null, "lint", "--rules", _files.Folder, "--format", "sarif");
        var validate = CliProcess.Run(null, "validate", _files.Folder);
        _files.Write("demo-coding/2000-01.yaml", Coding());
        var clean = CliProcess.Run(null, "lint", "--rules", _files.Folder);

        Assert.True(plain.ExitCode == 1, plain.ToString());
        Assert.Contains($"2000-01.yaml:{LineOf(text, "1 == 2")}:", plain.Out, StringComparison.Ordinal);
        Assert.Contains("warning CR6005", plain.Out, StringComparison.Ordinal);
        Assert.Contains("0 errors, 1 warning", plain.OutLines[^1], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(sarif.Out);
        var result = Assert.Single(json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("CR6005", result.GetProperty("ruleId").GetString());
        Assert.Equal("warning", result.GetProperty("level").GetString());
        Assert.True(validate.ExitCode == 0, validate.ToString()); // a warning is no error
        Assert.Contains("0 errors, 1 warning", validate.OutLines[^1], StringComparison.Ordinal);
        Assert.True(clean.ExitCode == 0, clean.ToString());
    }

    [Fact]
    public void APathInsideTheRulesFolderIsLintedInTheWholeCatalogAndReportsOnlyItsOwnFiles()
    {
        _files.Write("demo-coding/2000-01.yaml", Coding("checks:\n" + Check("never", "1 == 2")));
        _files.Write("demo-policy/2020-01.yaml", Policy("checks:\n" + Check("never", "2 == 3").Replace("category: coding", "category: coverage", StringComparison.Ordinal)));

        var policyOnly = CliProcess.Run(null, "lint", "--rules", _files.Folder, Path.Combine(_files.Folder, "demo-policy"));

        Assert.True(policyOnly.ExitCode == 1, policyOnly.ToString());
        Assert.Contains("demo-policy", policyOnly.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-coding/2000-01.yaml", policyOnly.Out, StringComparison.Ordinal);
    }
}
