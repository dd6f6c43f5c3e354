using CodingRules.Catalog;
using CodingRules.Tests.Diff;

namespace CodingRules.Tests.Loading;

/// <summary>
/// The empty key (<c>"": 1</c>), which a schema path cannot name, is still reported where it is written; an explicit key
/// with no key (<c>? </c>), which the YAML library reads as two entries placed at the top, is reported once where it is.
/// </summary>
public sealed class EmptyKeyTests
{
    [Fact]
    public void AnEmptyKeyIsReportedAtItsLineAndASecondOneAsADuplicate()
    {
        using var folder = new TempFolder();
        var lines = DemoRules.Policy.Split('\n').Length; // the first line after the policy
        folder.Write("policy.yaml", DemoRules.Policy + "\"\": 1\n\"\": 2\n");

        var (_, diagnostics) = RuleCatalog.Load([folder.Path]);

        var unknown = Assert.Single(diagnostics, d => d.Id == "CR1004");
        Assert.Equal((lines, 1), (unknown.Location.Line, unknown.Location.Column));
        var duplicate = Assert.Single(diagnostics, d => d.Id == "CR1008");
        Assert.Equal((lines + 1, 1), (duplicate.Location.Line, duplicate.Location.Column));
    }

    [Theory]
    [InlineData("kind: policy\n")] // after a scalar value: the library reads two entries placed at the top
    [InlineData("    message: No joint is documented.\n")] // after a block: the library reads one entry with the empty key
    public void AnExplicitKeyWithNoKeyIsReportedOnceWhereItIsNotAsADuplicateAtTheTop(string after)
    {
        using var folder = new TempFolder();
        var text = DemoRules.Policy.Replace(after, after + "? \n: 1\n", StringComparison.Ordinal);
        var line = text.Split('\n').ToList().IndexOf("? ") + 1;
        Assert.True(line > 1);
        folder.Write("policy.yaml", text);

        var (_, diagnostics) = RuleCatalog.Load([folder.Path]);

        Assert.DoesNotContain(diagnostics, d => d.Id == "CR1008");
        var reported = Assert.Single(diagnostics, d => d.Id is "CR1011" or "CR1004");
        Assert.Equal(line, reported.Location.Line);
    }

    [Fact]
    public void AnEmptyKeyInANestedMappingIsReportedAtItsLine()
    {
        using var folder = new TempFolder();
        var text = DemoRules.Policy.Replace("    message: No joint is documented.\n", "    message: No joint is documented.\n    \"\": 1\n", StringComparison.Ordinal);
        var line = text.Split('\n').ToList().FindIndex(l => l.Contains("\"\": 1", StringComparison.Ordinal)) + 1;
        folder.Write("policy.yaml", text);

        var (_, diagnostics) = RuleCatalog.Load([folder.Path]);

        var unknown = Assert.Single(diagnostics, d => d.Id == "CR1004");
        Assert.Equal((line, 5), (unknown.Location.Line, unknown.Location.Column));
    }
}
