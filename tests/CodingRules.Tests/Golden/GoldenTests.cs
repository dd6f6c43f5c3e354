using System.Collections.Immutable;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Text;

namespace CodingRules.Tests.Golden;

/// <summary>
/// Language behaviour as data: each <c>NNN-name.yaml</c> in a numbered folder sits beside
/// <c>NNN-name.expected.txt</c>, the diagnostics in text form. Set <c>CODINGRULES_UPDATE_GOLDEN=1</c> to rewrite the
/// expected files, then review the diff (every line:col must point at the faulty character). A case of
/// <c>500-composition</c> is a folder of files loaded together (a template and the rule sets built on it, say), so a
/// diagnostic shows which of the files holds the mistake.
/// </summary>
public sealed class GoldenTests
{
    private static readonly string[] Folders = ["000-yaml", "100-schema", "200-syntax", "300-binding", "400-semantics", "500-composition"];

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
        Folders.SelectMany(folder => CaseNames(folder).Select(name => $"{folder}/{name}"));

    /// <summary>The cases of a folder: its <c>*.yaml</c> files and its sub-folders (cases of several files).</summary>
    private static IEnumerable<string> CaseNames(string folder)
    {
        var dir = Path.Combine(GoldenPaths.GoldenRoot, folder);
        return Directory.EnumerateFiles(dir, "*.yaml").Concat(Directory.EnumerateDirectories(dir))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
    }

    private static string ExpectedPath(string inputPath) =>
        Directory.Exists(inputPath) ? inputPath + ".expected.txt" : Path.ChangeExtension(inputPath, ".expected.txt");

    [Theory]
    [MemberData(nameof(Cases))]
    public void DiagnosticsMatchTheExpectedFile(string relativePath)
    {
        var inputPath = Path.Combine(GoldenPaths.GoldenRoot, relativePath);
        var expectedPath = ExpectedPath(inputPath);
        var actual = Directory.Exists(inputPath) ? RunFolder(inputPath) : Run(relativePath, File.ReadAllText(inputPath));

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
            var count = CaseNames(folder).Count();
            Assert.True(count >= 3, $"{folder} has {count} case(s)");
        }
    }

    [Fact]
    public void EveryCaseHasAnExpectedFileAndEveryExpectedFileAnInput()
    {
        foreach (var folder in Folders)
        {
            var dir = Path.Combine(GoldenPaths.GoldenRoot, folder);
            var inputs = CaseNames(folder).Select(n => n.EndsWith(".yaml", StringComparison.Ordinal) ? n[..^".yaml".Length] : n).ToHashSet(StringComparer.Ordinal);
            var expected = Directory.EnumerateFiles(dir, "*.expected.txt").Select(f => Path.GetFileName(f)[..^".expected.txt".Length]).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(inputs.Order(StringComparer.Ordinal), expected.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void TheShippedRuleSetWrittenOutFlatHasNoDiagnostics()
    {
        Assert.Equal(string.Empty, Run("rules/cpt-facet-joint-destruction/2012-01.yaml", CodingRules.Tests.ShippedRules.Flat("cpt-facet-joint-destruction", "2012-01")));
    }

    /// <summary>Every case expects at least one error whose id is named in the case file's first comment line.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void EachCaseReportsTheIdItsHeaderNames(string relativePath)
    {
        var inputPath = Path.Combine(GoldenPaths.GoldenRoot, relativePath);
        var files = Directory.Exists(inputPath) ? Directory.GetFiles(inputPath).Order(StringComparer.Ordinal).ToArray() : [inputPath];
        var ids = files.SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f).Split('\n')[0], @"CR\d{4}").Select(m => m.Value)).ToList();
        Assert.NotEmpty(ids);
        ImmutableArray<Diagnostic> diagnostics;
        if (Directory.Exists(inputPath))
        {
            diagnostics = RuleCatalog.Load([inputPath]).Diagnostics;
        }
        else
        {
            var bag = new DiagnosticBag();
            RuleFileLoader.LoadText(SourceText.From(relativePath, File.ReadAllText(inputPath)), bag);
            diagnostics = bag.ToSortedArray();
        }

        var reported = diagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
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

    /// <summary>Loads a case folder as a catalog; paths shown relative to the golden folder.</summary>
    internal static string RunFolder(string folder)
    {
        var (_, diagnostics) = RuleCatalog.Load([folder]);
        var root = GoldenPaths.GoldenRoot + Path.DirectorySeparatorChar;
        return Normalize(DiagnosticFormatter.ToText(diagnostics)).Replace(root, string.Empty, StringComparison.Ordinal);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
