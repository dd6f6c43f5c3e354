using System.Text.RegularExpressions;
using CodingRules.Catalog;
using CodingRules.Tests.Diff;

namespace CodingRules.Tests.Golden;

/// <summary>
/// The examples of docs/diagnostics.md do what they say: each section's YAML example that is written as top-level
/// parts of a rule file (no <c>...</c> elisions) is put into a complete rule file in place of the parts it names, and
/// loading that file reports the section's id. Examples that are fragments of a list, or elide with <c>...</c>, are
/// read by people only; the test says how many it checked and insists on a floor, so it cannot quietly check none.
/// </summary>
public sealed partial class DiagnosticsExampleTests
{
    private static string Base => ShippedRules.Flat("cpt-facet-joint-destruction", "2012-01");

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        var doc = File.ReadAllText(GoldenPaths.DiagnosticsDoc).ReplaceLineEndings("\n");
        foreach (Match section in Section().Matches(doc))
        {
            var id = section.Groups["id"].Value;
            if (id.StartsWith("CR5", StringComparison.Ordinal) || id.StartsWith("CR6", StringComparison.Ordinal))
            {
                continue; // encounter records, and lint warnings (LintTests show each)
            }

            var example = Example().Match(section.Groups["body"].Value);
            if (example.Success && IsWholeParts(example.Groups["yaml"].Value) && !NotOneFile.ContainsKey(id))
            {
                data.Add(id, example.Groups["yaml"].Value);
            }
        }

        return data;
    }

    /// <summary>
    /// Examples that are about more than one rule file, or about what a file leaves out, or about a test file: they are
    /// shown to people as they are (each id has its own test elsewhere: the golden cases and the catalog tests).
    /// </summary>
    private static readonly Dictionary<string, string> NotOneFile = new(StringComparer.Ordinal)
    {
        ["CR1003"] = "a part left out (the base has it)",
        ["CR3016"] = "a wrong and a right form side by side",
        ["CR4010"] = "a file named after another rule set's folder",
        ["CR4011"] = "a test file's encounter",
        ["CR4014"] = "a document that is not a rule file",
        ["CR4016"] = "two files side by side",
        ["CR4017"] = "two files side by side",
        ["CR4018"] = "two versions with a gap",
        ["CR4019"] = "two versions of different kinds",
        ["CR4020"] = "two files of one folder",
        ["CR4039"] = "a vocabulary fragment (its levels and regions are the base's)",
    };

    /// <summary>Top-level keys only (each part starts in column 0), and nothing elided.</summary>
    private static bool IsWholeParts(string yaml) =>
        !yaml.Contains("...", StringComparison.Ordinal) && !yaml.Contains('…', StringComparison.Ordinal)
        && yaml.Split('\n').FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) is { } first && TopLevelKey().IsMatch(first);

    /// <summary>The properties of a check: an example made of these is one check, placed as the rule file's only check.</summary>
    private static readonly HashSet<string> CheckKeys = ["id", "finding", "severity", "category", "scope", "when", "message", "source", "effect"];

    /// <summary>
    /// The base file with every top-level part the example names replaced by the example's; an example of check
    /// properties becomes the file's one check (the properties it leaves out taken from a plain warning check).
    /// </summary>
    private static string Place(string example)
    {
        var keys = example.Split('\n').Select(l => TopLevelKey().Match(l)).Where(m => m.Success).Select(m => m.Groups["key"].Value).ToList();
        if (keys.Count > 0 && keys.All(CheckKeys.Contains))
        {
            var check = new List<string> { "checks:" };
            var first = true;
            foreach (var (key, value) in new[] { ("id", "example"), ("finding", "W-EXAMPLE"), ("severity", "warning"), ("category", "coding"), ("when", "procedure.kind == \"x\""), ("message", "example") })
            {
                if (!keys.Contains(key))
                {
                    check.Add($"{(first ? "  - " : "    ")}{key}: {value}");
                    first = false;
                }
            }

            check.AddRange(example.TrimEnd('\n').Split('\n').Select(l => (first ? "  - " : "    ") + l).Select((l, i) => i == 0 || !first ? l : "    " + l[4..]));
            example = string.Join('\n', check) + "\n";
        }

        var named = example.Split('\n').Select(l => TopLevelKey().Match(l)).Where(m => m.Success).Select(m => m.Groups["key"].Value).ToHashSet(StringComparer.Ordinal);
        var kept = new List<string>();
        var skipping = false;
        foreach (var line in Base.ReplaceLineEndings("\n").Split('\n'))
        {
            if (TopLevelKey().Match(line) is { Success: true } key)
            {
                skipping = named.Contains(key.Groups["key"].Value);
            }

            if (!skipping)
            {
                kept.Add(line);
            }
        }

        return string.Join('\n', kept).TrimEnd('\n') + "\n" + example;
    }

    [Fact]
    public void EnoughExamplesAreCheckedForTheTestToMeanSomething() => Assert.True(Examples().Count >= 15, $"{Examples().Count} examples checked");

    [Theory]
    [MemberData(nameof(Examples))]
    public void EachExampleReportsItsSectionsId(string id, string example)
    {
        using var folder = new TempFolder();
        var file = folder.Write("example/2020-01.yaml", Place(example));

        var (_, diagnostics) = RuleCatalog.Load([file]);

        Assert.True(diagnostics.Any(d => d.Id == id), $"{id}: the example gives [{string.Join(", ", diagnostics.Select(d => d.Id).Distinct())}]\n{File.ReadAllText(file)}");
    }

    [GeneratedRegex(@"^### (?<id>CR\d{4}):[^\n]*\n(?<body>.*?)(?=^### |^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex(@"```yaml\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();

    [GeneratedRegex(@"^(?<key>[A-Za-z$][A-Za-z0-9]*):(\s|$)")]
    private static partial Regex TopLevelKey();
}
