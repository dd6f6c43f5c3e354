using CodingRules.Catalog;
using CodingRules.Diagnostics;

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

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Catalog.Value.Tests)
        {
            foreach (var testCase in file.Cases)
            {
                data.Add(RelativePath(file.Location.Path), testCase.Name);
            }
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
    public void ShippedTestCasePasses(string file, string caseName)
    {
        var results = Catalog.Value.RunTests()
            .Where(r => RelativePath(r.File.Location.Path) == file && r.Case.Name == caseName)
            .ToList();
        var result = Assert.Single(results);
        Assert.True(result.Passed, $"{file}: '{caseName}' failed:" + Environment.NewLine + string.Join(Environment.NewLine, result.Failures));
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
