using CodingRules.Diagnostics;
using CodingRules.Evaluation;
using static CodingRules.Tests.Catalog.CatalogFiles;

namespace CodingRules.Tests.Catalog;

/// <summary>
/// The version timeline of a catalog, on small rule files written per test: derived ends, resolution, and the
/// diagnostics for versions that overlap, start on the same day, leave gaps, repeat a label or disagree.
/// </summary>
public sealed class CatalogFixtureTests : IDisposable
{
    private readonly CatalogFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void AnUntilPastTheNextVersionsStartIsAnOverlapReportedAtTheUntil()
    {
        var v1 = _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01"), D("2012-06-30")));
        _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01")));

        var (_, diagnostics) = _files.Load();

        var d = Assert.Single(diagnostics, d => d.Id == "CR4017");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal((v1, FromLine + 1, UntilColumn), (d.Location.Path, d.Location.Line, d.Location.Column));
        Assert.Contains("2012-06-30", d.Message, StringComparison.Ordinal);
        Assert.Contains("'v2'", d.Message, StringComparison.Ordinal);
        Assert.Contains("2012-01-01", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUntilOnTheNextVersionsStartDayIsAnOverlapToo()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01"), D("2012-01-01")));
        _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01")));

        var (_, diagnostics) = _files.Load();

        Assert.Single(diagnostics, d => d.Id == "CR4017");
    }

    [Fact]
    public void AnUntilTheDayBeforeTheNextVersionStartsIsClean()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01"), D("2011-12-31")));
        _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01")));

        var (catalog, diagnostics) = _files.Load();

        Assert.Empty(diagnostics);
        Assert.False(catalog.Versions("demo")[0].UntilDerived);
    }

    [Fact]
    public void TwoVersionsStartingOnTheSameDayAreReportedAtTheSecondFilesFrom()
    {
        _files.Write("a.yaml", Rule("demo", "v1", D("2012-01-01")));
        var second = _files.Write("b.yaml", Rule("demo", "v2", D("2012-01-01")));

        var (_, diagnostics) = _files.Load();

        var d = Assert.Single(diagnostics, d => d.Id == "CR4016");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal((second, FromLine, FromColumn), (d.Location.Path, d.Location.Line, d.Location.Column));
        Assert.Contains("'v1' and 'v2'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGapLeftByAnExplicitUntilIsAWarningAndNothingIsInForceInside()
    {
        var v1 = _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01"), D("2010-12-31")));
        _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01")));

        var (catalog, diagnostics) = _files.Load();

        var d = Assert.Single(diagnostics);
        Assert.Equal(("CR4018", DiagnosticSeverity.Warning), (d.Id, d.Severity));
        Assert.Equal((v1, FromLine + 1, UntilColumn), (d.Location.Path, d.Location.Line, d.Location.Column));
        var inGap = catalog.Resolve("demo", D("2011-06-01"));
        Assert.Null(inGap.InForce);
        Assert.Equal("v1", inGap.Before?.Version);
        Assert.Equal("v2", inGap.After?.Version);
        Assert.Contains("'v1' ended on 2010-12-31", inGap.Explanation, StringComparison.Ordinal);
        Assert.Contains("'v2' starts on 2012-01-01", inGap.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ARepeatedVersionLabelIsReportedOnceAndLoadedOnce()
    {
        _files.Write("a.yaml", Rule("demo", "v1", D("2010-01-01")));
        var second = _files.Write("b.yaml", Rule("demo", "v1", D("2012-01-01")));

        var (catalog, diagnostics) = _files.Load();

        var d = Assert.Single(diagnostics, d => d.Id == "CR4015");
        Assert.Equal(second, d.Location.Path);
        Assert.Contains("a.yaml", d.Message, StringComparison.Ordinal);
        Assert.Single(catalog.Versions("demo"));
    }

    [Fact]
    public void VersionsOfDifferentKindsAreReportedAtTheLaterVersionsKind()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01")));
        var v2 = _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01"), kind: "policy").Replace("handles:", "payers: [demo-payer]\nhandles:", StringComparison.Ordinal));

        var (_, diagnostics) = _files.Load();

        var d = Assert.Single(diagnostics, d => d.Id == "CR4019");
        Assert.Equal((v2, 3, 7), (d.Location.Path, d.Location.Line, d.Location.Column));
        Assert.Contains("'policy'", d.Message, StringComparison.Ordinal);
        Assert.Contains("'coding'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWhoseIdDisagreesWithItsFolderIsReportedAtItsRuleSet()
    {
        _files.Write("demo/v1.yaml", Rule("demo", "v1", D("2010-01-01")));
        _files.Write("demo/v2.yaml", Rule("demo", "v2", D("2012-01-01")));
        var odd = _files.Write("demo/other.yaml", Rule("other", "v1", D("2010-01-01")));

        var (_, diagnostics) = _files.Load();

        var d = Assert.Single(diagnostics, d => d.Id == "CR4020");
        Assert.Equal((odd, 1, 10), (d.Location.Path, d.Location.Line, d.Location.Column));
        Assert.Contains("'other'", d.Message, StringComparison.Ordinal);
        Assert.Contains("'demo'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleSetsInTheirOwnFoldersNeedNotAgree()
    {
        _files.Write("demo/v1.yaml", Rule("demo", "v1", D("2010-01-01")));
        _files.Write("other/v1.yaml", Rule("other", "v1", D("2010-01-01")));

        var (catalog, diagnostics) = _files.Load();

        Assert.Empty(diagnostics);
        Assert.Equal(["demo", "other"], catalog.RuleSetIds);
    }

    [Fact]
    public void AVersionWithoutUntilEndsTheDayBeforeTheNextStarts()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01")));
        _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01")));

        var (catalog, diagnostics) = _files.Load();

        Assert.Empty(diagnostics);
        var last = catalog.Resolve("demo", D("2011-12-31"));
        Assert.Equal("v1", last.InForce?.Version);
        Assert.Equal(D("2011-12-31"), last.InForce?.Effective.Until);
        Assert.True(last.InForce?.UntilDerived);
        Assert.Null(last.InForce?.DeclaredUntil);
        Assert.Contains("until 2011-12-31 (the day before version 'v2' starts)", last.Explanation, StringComparison.Ordinal);
        Assert.Equal("v2", catalog.Resolve("demo", D("2012-01-01")).InForce?.Version);
        Assert.Equal(["v1", "v2"], catalog.Versions("demo").Select(v => v.Version));
    }

    [Fact]
    public void BeforeTheFirstVersionNothingIsInForceAndTheFirstIsNamedAsLater()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01")));
        _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01")));

        var (catalog, _) = _files.Load();
        var resolution = catalog.Resolve("demo", D("2009-12-31"));

        Assert.Null(resolution.InForce);
        Assert.Null(resolution.Before);
        Assert.Equal("v1", resolution.After?.Version);
        Assert.Contains("'v1' starts on 2010-01-01", resolution.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterTheLastVersionStartsItStaysInForceWithNoEndDate()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01")));
        _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01")));

        var (catalog, _) = _files.Load();
        var resolution = catalog.Resolve("demo", D("2099-12-31"));

        Assert.Equal("v2", resolution.InForce?.Version);
        Assert.Null(resolution.After);
        Assert.Contains("with no end date", resolution.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterALastVersionWithAnUntilNothingIsInForceAndItIsNamedAsEarlier()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01"), D("2015-12-31")));

        var (catalog, _) = _files.Load();
        var resolution = catalog.Resolve("demo", D("2016-01-01"));

        Assert.Null(resolution.InForce);
        Assert.Equal("v1", resolution.Before?.Version);
        Assert.Null(resolution.After);
        Assert.Contains("'v1' ended on 2015-12-31", resolution.Explanation, StringComparison.Ordinal);
        Assert.Contains("until 2015-12-31 (as written)", catalog.Resolve("demo", D("2015-12-31")).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownRuleSetResolvesToNothingAndSaysSo()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01")));

        var (catalog, _) = _files.Load();
        var resolution = catalog.Resolve("nope", D("2012-01-01"));

        Assert.Null(resolution.InForce);
        Assert.Empty(catalog.Versions("nope"));
        Assert.Equal("No version of 'nope' is loaded.", resolution.Explanation);
    }

    [Fact]
    public void TheNoRuleSetFindingNamesTheKindTheDateAndTheNearestVersions()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01"), D("2010-12-31")));
        _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01")));
        var (catalog, _) = _files.Load();

        var result = catalog.Evaluate(Encounter(D("2011-06-01")));

        Assert.Empty(result.Lines);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(Evaluator.NoRuleSetFinding, finding.Id);
        Assert.Contains($"'{Kind}'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("2011-06-01", finding.Message, StringComparison.Ordinal);
        Assert.Contains("nearest earlier: demo v1 (until 2010-12-31)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("nearest later: demo v2 (from 2012-01-01)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BeforeTheFirstVersionTheNoRuleSetFindingNamesOnlyTheLaterVersion()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01")));
        _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01")));
        var (catalog, _) = _files.Load();

        var finding = Assert.Single(catalog.Evaluate(Encounter(D("2009-06-01"))).Findings);

        Assert.Equal(Evaluator.NoRuleSetFinding, finding.Id);
        Assert.Contains("nearest later: demo v1 (from 2010-01-01)", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nearest earlier", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EachVersionCodesTheDatesItIsInForce()
    {
        _files.Write("v1.yaml", Rule("demo", "v1", D("2010-01-01"), code: "11111"));
        _files.Write("v2.yaml", Rule("demo", "v2", D("2012-01-01"), code: "22222"));
        var (catalog, _) = _files.Load();

        var old = catalog.Evaluate(Encounter(D("2011-12-31")));
        var current = catalog.Evaluate(Encounter(D("2012-01-01")));

        Assert.Equal(("11111", "v1"), (Assert.Single(old.Lines).Code, Assert.Single(old.RuleSets).Version));
        Assert.Equal(("22222", "v2"), (Assert.Single(current.Lines).Code, Assert.Single(current.RuleSets).Version));
        Assert.Equal(catalog.Versions("demo")[1].Sha256, current.RuleSets[0].Sha256);
    }

    [Fact]
    public void CommentsKeyOrderYamlStyleAndJsonDoNotChangeTheContentHash()
    {
        var plain = Rule("demo", "v1", D("2010-01-01"));
        var restyled = "# a comment\n" + plain
            .Replace("handles: [demo-kind]", "handles:\n  - 'demo-kind'   # trailing comment", StringComparison.Ordinal)
            .Replace("    - { id: L4-L5, region: lumbar }", "    - region: lumbar\n      id: \"L4-L5\"", StringComparison.Ordinal);
        var a = _files.Write("a/v1.yaml", plain);
        var b = _files.Write("b/v1.yaml", restyled);
        var c = _files.Write("c/v1.yaml", plain.Replace("The demo code", "Another description", StringComparison.Ordinal));
        var json = _files.Write("d/v1.json", """
            {"ruleSet":"demo","version":"v1","kind":"coding","summary":"A demo rule set for catalog tests.","effective":{"from":"2010-01-01"},
             "handles":["demo-kind"],"codes":[{"code":"11111","description":"The demo code"}],
             "vocabulary":{"regions":[{"id":"lumbar"}],"levels":[{"region":"lumbar","id":"L4-L5"}]},
             "laterality":{"left":"LT","right":"RT","bilateral":"50"},
             "families":[{"id":"lumbar","regions":["lumbar"],"ladder":[{"units":"per-joint","code":"11111","from":1}]}]}
            """);

        var hashes = new[] { a, b, c, json }.Select(p =>
        {
            var (catalog, diagnostics) = CodingRules.Catalog.RuleCatalog.Load([p]);
            Assert.Empty(diagnostics);
            return Assert.Single(catalog.RuleSets).Sha256;
        }).ToList();

        Assert.Matches("^[0-9a-f]{64}$", hashes[0]);
        Assert.Equal(hashes[0], hashes[1]);
        Assert.NotEqual(hashes[0], hashes[2]);
        Assert.Equal(hashes[0], hashes[3]);
    }
}
