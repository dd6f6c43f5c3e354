using System.Text.RegularExpressions;
using CodingRules.Catalog;

namespace CodingRules.Tests.Cli;

/// <summary>
/// The <c>versions</c> and <c>resolve</c> verbs of the real tool, run as a process over the shipped rules: every
/// version with its sha256, the version in force on a date and why, exit codes 0 (in force), 1 (none), 2 (usage).
/// </summary>
public sealed partial class CliVersionsTests
{
    private const string Facet = "cpt-facet-joint-destruction";

    private static readonly string Rules = Path.Combine(RepositoryRoot.Path, "rules");

    private static readonly Lazy<RuleCatalog> Shipped = new(() => RuleCatalog.Load([Rules]).Catalog);

    [Fact]
    public void VersionsListsEveryShippedVersionWithItsSha256()
    {
        var run = CliProcess.Run(null, "versions", "--rules", Rules);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("ID", run.OutLines[0], StringComparison.Ordinal);
        var rows = run.OutLines.Skip(1).ToList();
        Assert.Equal(Shipped.Value.RuleSets.Length, rows.Count);
        Assert.NotEmpty(rows);
        foreach (var version in Shipped.Value.RuleSets)
        {
            var row = Assert.Single(rows, r => Cells(r).Take(2).SequenceEqual([version.Id, version.Version]));
            var hash = Assert.Single(Sha256().Matches(row)).Value;
            Assert.Equal(version.Sha256, hash);
        }
    }

    [Fact]
    public void VersionsOfOneIdListsOnlyThatId()
    {
        var run = CliProcess.Run(null, "versions", Facet, "--rules", Rules);

        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = run.OutLines.Skip(1).ToList();
        Assert.Equal(Shipped.Value.Versions(Facet).Select(v => v.Version), rows.Select(r => Cells(r)[1]));
        Assert.All(rows, r => Assert.Equal(Facet, Cells(r)[0]));
        Assert.All(rows, r => Assert.Matches(Sha256(), r));
    }

    [Fact]
    public void VersionsOfAnUnknownIdExitsOneNamingTheLoadedIds()
    {
        var run = CliProcess.Run(null, "versions", "no-such-rule-set", "--rules", Rules);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("no-such-rule-set", run.Error, StringComparison.Ordinal);
        Assert.Contains(Facet, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveOnTheFirstDayOf2012NamesVersion201201()
    {
        var run = CliProcess.Run(null, "resolve", Facet, "--date", "2012-01-01", "--rules", Rules);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Version '2012-01' of '{Facet}' is in force on 2012-01-01", run.Out, StringComparison.Ordinal);
        Assert.Contains("sha256 " + Shipped.Value.Resolve(Facet, new DateOnly(2012, 1, 1)).InForce!.Sha256, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveOnTheLastDayOf2011NamesTheOlderVersionOrExplainsThereIsNone()
    {
        var older = Shipped.Value.Resolve(Facet, new DateOnly(2011, 12, 31)).InForce;

        var run = CliProcess.Run(null, "resolve", Facet, "--date", "2011-12-31", "--rules", Rules);

        if (older is not null)
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.NotEqual("2012-01", older.Version);
            Assert.Contains($"Version '{older.Version}' of '{Facet}' is in force on 2011-12-31", run.Out, StringComparison.Ordinal);
            Assert.Contains("until 2011-12-31", run.Out, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("No version", run.Out, StringComparison.Ordinal);
            Assert.Contains("'2012-01' starts on 2012-01-01", run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ResolveOfAnUnknownIdExitsOne()
    {
        var run = CliProcess.Run(null, "resolve", "no-such-rule-set", "--date", "2012-01-01", "--rules", Rules);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("No version of 'no-such-rule-set' is loaded.", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2012-13-01")]
    [InlineData("2012-1-1")]
    [InlineData("01/01/2012")]
    [InlineData("yesterday")]
    public void ResolveWithABadDateIsAUsageError(string date)
    {
        var run = CliProcess.Run(null, "resolve", Facet, "--date", date, "--rules", Rules);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("is not a date", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveWithoutADateIsAUsageError()
    {
        var run = CliProcess.Run(null, "resolve", Facet, "--rules", Rules);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    private static string[] Cells(string row) => row.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"\b[0-9a-f]{64}\b")]
    private static partial Regex Sha256();
}
