using CodingRules.Catalog;
using CodingRules.Evaluation;
using CodingRules.Model;

namespace CodingRules.Tests.Model;

/// <summary>
/// The compiled model stays true to itself: what a rule set derives from its properties follows a copy made with
/// <c>with</c>; effects are a closed set; the evaluation stages come from the rule set kinds, in order.
/// </summary>
public sealed class CompiledModelTests
{
    private static readonly Lazy<RuleCatalog> Shipped = new(() => RuleCatalog.Load([Path.Combine(RepositoryRoot.Path, "rules")], includeTests: false).Catalog);

    [Fact]
    public void WhatARuleSetDerivesFollowsACopyMadeWithWith()
    {
        var policy = Shipped.Value.RuleSets.First(r => r.Kind == "policy" && !r.SessionChecks.IsEmpty);
        var copy = policy with { Checks = [], Sha256 = "changed", Families = [] };

        Assert.Empty(copy.SessionChecks);
        Assert.Equal("changed", copy.Use.Sha256);
        Assert.Equal("changed", Assert.Single(copy.Uses).Sha256);
        Assert.NotEmpty(policy.SessionChecks);
        Assert.Equal(policy.Sha256, policy.Use.Sha256);
    }

    [Fact]
    public void ALateralityCopyHasItsOwnModifiers()
    {
        var laterality = new Laterality("LT", "RT", "50");
        Assert.Equal(["LT"], laterality.LeftModifiers.ToArray());
        var copy = laterality with { Left = "XL" };
        Assert.Equal(["XL"], copy.LeftModifiers.ToArray());
        Assert.Equal(["LT"], laterality.LeftModifiers.ToArray());
    }

    [Fact]
    public void EveryEffectOfTheShippedRulesIsOneOfTheClosedSet()
    {
        var effects = Shipped.Value.RuleSets.SelectMany(r => r.Checks).Select(c => c.Effect).ToList();
        Assert.All(effects, e => Assert.True(e is FindingOnlyEffect or StopEffect or ExcludeEffect or ReplaceEffect or AddModifierEffect or RecodeEffect or RecountEffect));
        Assert.Equal(["addModifier", "exclude", "finding", "recount", "replace", "stop"], effects.Select(e => e.Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheStagesAreTheRuleSetKindsInEvaluationOrder()
    {
        var index = new CodingIndex(Shipped.Value.RuleSets);
        Assert.Equal(["coding", "policy", "audit"], index.Stages.Select(s => s.Kind));
        Assert.Equal(StageKinds.All.Select(k => k.Name), index.Stages.Select(s => s.Kind));
    }
}
