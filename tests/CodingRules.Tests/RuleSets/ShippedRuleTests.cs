using System.Collections.Immutable;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Testing;

namespace CodingRules.Tests.RuleSets;

/// <summary>
/// Loads the rule sets shipped in the repository's <c>rules</c> folder and runs the test cases kept beside them.
/// </summary>
public sealed class ShippedRuleTests
{
    private const string FacetTestFile = "cpt-facet-joint-destruction/2012-01.tests.yaml";

    private static readonly Lazy<string> RepositoryRoot = new(FindRoot);

    private static readonly Lazy<RuleCatalog> Catalog = new(() => RuleCatalog.Load([RulesFolder]).Catalog);

    private static string RulesFolder => Path.Combine(RepositoryRoot.Value, "rules");

    private static readonly Lazy<ImmutableArray<RuleTestResult>> Results = new(() => Catalog.Value.RunTests());

    /// <summary>Every case run: a template's case once for each rule set version that extends the template.</summary>
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var result in Results.Value)
        {
            data.Add(RelativePath(result.File.Location.Path), result.Case.Name, result.RanFor ?? "-");
        }

        return data;
    }

    [Fact]
    public void ShippedRulesLoadWithoutErrors()
    {
        var (_, diagnostics) = RuleCatalog.Load([RulesFolder]);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "Rule files have errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ShippedTestCasePasses(string file, string caseName, string ranFor)
    {
        var result = Assert.Single(Results.Value, r => RelativePath(r.File.Location.Path) == file && r.Case.Name == caseName && (r.RanFor ?? "-") == ranFor);
        Assert.True(result.Passed, $"{file}: '{caseName}' ({ranFor}) failed:" + Environment.NewLine + string.Join(Environment.NewLine, result.Failures));
    }

    [Fact]
    public void ATemplatesCasesRunForEveryVersionThatExtendsIt()
    {
        var template = Catalog.Value.Tests.Single(t => t.Template == "medicare-facet-lcd@2021");
        var ranFor = Results.Value.Where(r => r.File == template).Select(r => r.RanFor).Distinct().ToList();
        Assert.Equal(8, ranFor.Count);
        Assert.All(ranFor, r => Assert.StartsWith("medicare-facet-lcd-", r, StringComparison.Ordinal));
    }

    [Fact]
    public void FacetTestFileHasAtLeast25Cases()
    {
        var file = Catalog.Value.Tests.SingleOrDefault(t => RelativePath(t.Location.Path) == FacetTestFile);
        Assert.True(file is not null, $"{FacetTestFile} was not loaded (see {nameof(ShippedRulesLoadWithoutErrors)}).");
        Assert.True(file.Cases.Length >= 25, $"{FacetTestFile} has {file.Cases.Length} cases; at least 25 are required.");
    }

    private static string RelativePath(string path) =>
        Path.GetRelativePath(RulesFolder, path).Replace(Path.DirectorySeparatorChar, '/');

    private static string FindRoot() => CodingRules.Tests.RepositoryRoot.Path;
}
