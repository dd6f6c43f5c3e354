namespace CodingRules.Tests.Language;

/// <summary>The static cost estimate: bounded by the input limits, a predicate's body counted once per element, nesting multiplying.</summary>
public sealed class CostEstimateTests
{
    [Fact]
    public void APredicatesBodyCountsOncePerElementAndNestingMultiplies()
    {
        var flat = LanguageFacts.Compile("count(procedure.joints, j => j.known)").EstimatedCost;
        var nested = LanguageFacts.Compile("count(procedure.joints, j => count(procedure.joints, k => k.level == j.level) > 1)").EstimatedCost;
        var constant = LanguageFacts.Compile("count([1, 2, 3], x => x > 1)").EstimatedCost;

        Assert.InRange(flat, 2_000, 20_000); // joints: at most 1,000 entries, split into 2,000 sides
        Assert.True(nested > flat * 1_000, $"{nested} should be about 2,000 times {flat}");
        Assert.InRange(constant, 3, 20); // a constant list's length bounds its loop
    }

    [Fact]
    public void FoldedConstantsCostNothingMore()
    {
        Assert.Equal(LanguageFacts.Compile("80").EstimatedCost, LanguageFacts.Compile("2 * 40").EstimatedCost);
    }
}
