using System.Text;
using CodingRules.Catalog;
using CodingRules.Composition;
using CodingRules.Tests.Diff;

namespace CodingRules.Tests.Composition;

/// <summary>
/// Hostile compositions end in located diagnostics, never in a crash or a hang: a chain of bases far deeper than
/// allowed, a long cycle, a library imported by thousands of paths. The loads are bounded (no timing is asserted;
/// a stack overflow or a quadratic blow-up would fail or stall the run).
/// </summary>
public sealed class CompositionBoundsTests
{
    [Fact]
    public void AChainOfFiveThousandTemplatesIsOneDiagnosticNotAStackOverflow()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 5000; i++)
        {
            folder.Write($"t{i:D4}.yaml", Template(i, i + 1 < 5000 ? $"extends: demo-chain@{i + 1}\n" : string.Empty));
        }

        folder.Write("policy.yaml", "ruleSet: demo-policy\nversion: \"1\"\nextends: demo-chain@0\npayers: [demo]\neffective: { from: 2020-01-01 }\n");

        var (catalog, diagnostics) = RuleCatalog.Load([folder.Path]);

        Assert.Empty(catalog.RuleSets);
        Assert.Contains(diagnostics, d => d.Id == "CR4037" && d.Location.Path.EndsWith("policy.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("CR1", StringComparison.Ordinal));
    }

    [Fact]
    public void AChainAsDeepAsAllowedComposes()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < Composer.MaxDepth - 1; i++)
        {
            folder.Write($"t{i:D2}.yaml", Template(i, i + 1 < Composer.MaxDepth - 1 ? $"extends: demo-chain@{i + 1}\n" : string.Empty));
        }

        folder.Write("policy.yaml", "ruleSet: demo-policy\nversion: \"1\"\nextends: demo-chain@0\npayers: [demo]\neffective: { from: 2020-01-01 }\n");

        var (catalog, diagnostics) = RuleCatalog.Load([folder.Path]);

        Assert.Empty(diagnostics);
        Assert.Equal(Composer.MaxDepth - 1, Assert.Single(catalog.RuleSets).Bases.Length);
    }

    [Fact]
    public void ACycleOfAThousandTemplatesIsReportedOnce()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 1000; i++)
        {
            folder.Write($"t{i:D3}.yaml", Template(i, $"extends: demo-chain@{(i + 1) % 1000}\n"));
        }

        var (_, diagnostics) = RuleCatalog.Load([folder.Path]);

        Assert.Contains(diagnostics, d => d.Id is "CR4026" or "CR4037");
        Assert.True(diagnostics.Length < 1000, $"{diagnostics.Length} diagnostics");
    }

    [Fact]
    public void ALibraryImportedByTwoThousandLibrariesIsComposedOnce()
    {
        using var folder = new TempFolder();
        folder.Write("shared.yaml", "library: shared\nsources:\n  - { id: S-1, title: Shared, url: \"https://example.org\", confidence: H }\n");
        var imports = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            folder.Write($"lib{i:D4}.yaml", $"library: lib{i}\nimports: [shared]\n");
            imports.Append(i == 0 ? string.Empty : ", ").Append($"lib{i}");
        }

        folder.Write("policy.yaml", $"ruleSet: demo-policy\nversion: \"1\"\nkind: policy\nsummary: s\nhandles: [demo-procedure]\nimports: [{imports}]\npayers: [demo]\neffective: {{ from: 2020-01-01 }}\n");

        var (catalog, diagnostics) = RuleCatalog.Load([folder.Path]);

        Assert.Empty(diagnostics);
        var policy = Assert.Single(catalog.RuleSets);
        Assert.Single(policy.Sources);
        Assert.Equal(2001, policy.Bases.Length);
    }

    [Fact]
    public void ALibraryReachedThroughTwoImportsSetsItsParametersOnce()
    {
        using var folder = new TempFolder();
        folder.Write("template.yaml", "ruleSet: demo-policy\nversion: base\ntemplate: true\nkind: policy\ntitle: \"Policy of {params.name}\"\nsummary: s\nhandles: [demo-procedure]\nparameters:\n  name: { type: string }\n");
        folder.Write("names.yaml", "library: names\nwith: { name: Demo }\n");
        folder.Write("a.yaml", "library: a\nimports: [names]\n");
        folder.Write("b.yaml", "library: b\nimports: [names]\n");
        folder.Write("policy.yaml", "ruleSet: demo-policy-one\nversion: \"1\"\nextends: demo-policy@base\nimports: [a, b]\npayers: [demo]\neffective: { from: 2020-01-01 }\n");

        var (catalog, diagnostics) = RuleCatalog.Load([folder.Path]);

        Assert.Empty(diagnostics);
        Assert.Equal("Policy of Demo", Assert.Single(catalog.RuleSets).Title);
    }

    private static string Template(int i, string extends) =>
        $"ruleSet: demo-chain\nversion: \"{i}\"\ntemplate: true\nkind: policy\n{extends}summary: Level {i}.\nhandles: [demo-procedure]\n";
}
