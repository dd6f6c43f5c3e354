using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Text;

namespace CodingRules.Tests.Golden;

/// <summary>
/// Language behaviour as data: each <c>NNN-name.yaml</c> in a numbered folder sits beside
/// <c>NNN-name.expected.txt</c>, the diagnostics in text form. Set <c>CODINGRULES_UPDATE_GOLDEN=1</c> to rewrite the
/// expected files, then review the diff (every line:col must point at the faulty character).
/// </summary>
public sealed class GoldenTests
{
    private static readonly string[] Folders = ["000-yaml", "100-schema", "200-syntax", "300-binding", "400-semantics"];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var path in AllCases())
        {
            data.Add(path);
        }

        return data;
    }

    private static IEnumerable<string> AllCases() =>
        Folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(GoldenPaths.GoldenRoot, folder), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(file => $"{folder}/{Path.GetFileName(file)}"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void DiagnosticsMatchTheExpectedFile(string relativePath)
    {
        var inputPath = Path.Combine(GoldenPaths.GoldenRoot, relativePath);
        var expectedPath = Path.ChangeExtension(inputPath, ".expected.txt");
        var actual = Run(relativePath, File.ReadAllText(inputPath));

        if (GoldenPaths.UpdateGolden)
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }

        Assert.True(File.Exists(expectedPath), $"Missing {expectedPath}; run with CODINGRULES_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(Normalize(File.ReadAllText(expectedPath)), actual);
    }

    [Fact]
    public void EveryFolderHasAtLeastThreeCases()
    {
        foreach (var folder in Folders)
        {
            var count = Directory.EnumerateFiles(Path.Combine(GoldenPaths.GoldenRoot, folder), "*.yaml").Count();
            Assert.True(count >= 3, $"{folder} has {count} case(s)");
        }
    }

    [Fact]
    public void EveryCaseHasAnExpectedFileAndEveryExpectedFileAnInput()
    {
        foreach (var folder in Folders)
        {
            var dir = Path.Combine(GoldenPaths.GoldenRoot, folder);
            var inputs = Directory.EnumerateFiles(dir, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.Ordinal);
            var expected = Directory.EnumerateFiles(dir, "*.expected.txt").Select(f => Path.GetFileName(f)[..^".expected.txt".Length]).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(inputs.Order(StringComparer.Ordinal), expected.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void TheShippedRuleFileHasNoDiagnostics()
    {
        Assert.Equal(string.Empty, Run("rules/cpt-facet-joint-destruction/2012-01.yaml", File.ReadAllText(GoldenPaths.ShippedRuleFile)));
    }

    /// <summary>Every case expects at least one error whose id is named in the case file's first comment line.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void EachCaseReportsTheIdItsHeaderNames(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(GoldenPaths.GoldenRoot, relativePath));
        var header = text.Split('\n')[0];
        var ids = System.Text.RegularExpressions.Regex.Matches(header, @"CR\d{4}").Select(m => m.Value).ToList();
        Assert.NotEmpty(ids);
        var bag = new DiagnosticBag();
        RuleFileLoader.LoadText(SourceText.From(relativePath, text), bag);
        var reported = bag.ToSortedArray().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            Assert.Contains(id, reported);
        }
    }

    internal static string Run(string relativePath, string text)
    {
        var bag = new DiagnosticBag();
        RuleFileLoader.LoadText(SourceText.From(relativePath, text), bag);
        return Normalize(DiagnosticFormatter.ToText(bag.ToSortedArray()));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
