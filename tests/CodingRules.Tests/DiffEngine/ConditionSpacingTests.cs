using CodingRules.Diagnostics;
using CodingRules.Diff;
using CodingRules.Model;
using CodingRules.Text;

namespace CodingRules.Tests.DiffEngine;

/// <summary>Conditions are compared by their tokens: spacing and quote style are no change; a real edit is.</summary>
public sealed class ConditionSpacingTests
{
    private static readonly string Shipped = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "rules", "cpt-facet-joint-destruction", "2012-01.yaml"));

    private static RuleSet Load(string text) =>
        (RuleSet)CodingRules.Catalog.RuleFileLoader.LoadText(SourceText.From("rules/cpt-facet-joint-destruction/2012-01.yaml", text), new DiagnosticBag())!;

    [Theory]
    [InlineData("not (procedure.imaging in [\"fluoroscopy\", \"ct\"])", "not(procedure.imaging in ['fluoroscopy','ct'])")]
    [InlineData("not joint.known", "not   joint.known")]
    public void RespacingOrRequotingAConditionIsNoChange(string original, string respaced)
    {
        Assert.Contains(original, Shipped, StringComparison.Ordinal);
        var changes = RuleDiff.CompareVersions(Load(Shipped), Load(Shipped.Replace(original, respaced, StringComparison.Ordinal)));

        Assert.Empty(changes);
    }

    [Fact]
    public void ChangingAConditionsValueIsOneChange()
    {
        var changes = RuleDiff.CompareVersions(Load(Shipped), Load(Shipped.Replace("\"fluoroscopy\", \"ct\"", "\"fluoroscopy\"", StringComparison.Ordinal)));

        var change = Assert.Single(changes);
        Assert.Equal("check", change.Area);
        Assert.Contains("condition", change.Summary, StringComparison.Ordinal);
    }
}
