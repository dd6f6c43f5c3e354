using CodingRules.Diagnostics;
using CodingRules.Diff;
using CodingRules.Model;
using CodingRules.Text;

namespace CodingRules.Tests.DiffEngine;

/// <summary>
/// Conditions are compared by their checked trees' canonical form: spacing, quote style, redundant parentheses, the
/// order of and/or operands and the other documented rewrites are no change; a real edit is.
/// </summary>
public sealed class ConditionSpacingTests
{
    private static readonly string Shipped = ShippedRules.Flat("cpt-facet-joint-destruction", "2012-01");

    private static RuleSet Load(string text) =>
        (RuleSet)CodingRules.Catalog.RuleFileLoader.LoadText(SourceText.From("rules/cpt-facet-joint-destruction/2012-01.yaml", text), new DiagnosticBag())!;

    [Theory]
    [InlineData("not (procedure.imaging in [\"fluoroscopy\", \"ct\"])", "not(procedure.imaging in ['fluoroscopy','ct'])")]
    [InlineData("not joint.known", "not   joint.known")]
    [InlineData("not (procedure.imaging in [\"fluoroscopy\", \"ct\"])", "((not ((procedure.imaging) in [\"fluoroscopy\", \"ct\"])))")]
    [InlineData("not (procedure.imaging in [\"fluoroscopy\", \"ct\"])", "procedure.imaging not in [\"fluoroscopy\", \"ct\"]")]
    [InlineData("joint.known and joint.duplicate", "joint.duplicate and joint.known")]
    [InlineData("joint.known and joint.duplicate", "not (not joint.duplicate or not joint.known)")]
    [InlineData("count(procedure.joints) == 0 and count(procedure.nerves) == 0", "(0 == count(procedure.nerves)) and (count(procedure.joints) == 0)")]
    [InlineData("count(procedure.nerves) > 0", "0 < count(procedure.nerves)")]
    [InlineData("count(procedure.nerves) > 0", "not (count(procedure.nerves) <= 0)")]
    [InlineData("procedure.technique != \"radiofrequency\" or (procedure.temperatureCelsius != null and\n      procedure.temperatureCelsius < 80)",
        "(procedure.temperatureCelsius != null and procedure.temperatureCelsius < 40 + 40) or \"radiofrequency\" != procedure.technique")]
    public void RewritingAConditionWithoutChangingItsMeaningIsNoChange(string original, string respaced)
    {
        Assert.Contains(original, Shipped, StringComparison.Ordinal);
        var changes = RuleDiff.CompareVersions(Load(Shipped), Load(Shipped.Replace(original, respaced, StringComparison.Ordinal)));

        Assert.Empty(changes);
    }

    [Theory]
    [InlineData("count(procedure.nerves) > 0", "count(procedure.nerves) >= 0")]
    [InlineData("joint.known and joint.duplicate", "joint.known or joint.duplicate")]
    [InlineData("count(procedure.nerves) > 0", "count(procedure.joints) > 0")]
    [InlineData("count(procedure.nerves) > 0", "0 > count(procedure.nerves)")]
    [InlineData("not joint.known", "joint.known")]
    public void RewritingAConditionToAnotherMeaningIsAChange(string original, string edited)
    {
        Assert.Contains(original, Shipped, StringComparison.Ordinal);
        var changes = RuleDiff.CompareVersions(Load(Shipped), Load(Shipped.Replace(original, edited, StringComparison.Ordinal)));

        Assert.Contains("condition", Assert.Single(changes).Summary, StringComparison.Ordinal);
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
