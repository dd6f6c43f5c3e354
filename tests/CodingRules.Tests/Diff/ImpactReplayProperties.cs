using System.Text;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Diff;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.Diff;

/// <summary>
/// Impact replay is empty whenever the semantic diff is: a reformatted policy template codes every encounter alike,
/// under every contractor's version built on it.
/// </summary>
public sealed class ImpactReplayProperties
{
    private const string PolicyFile = "rules/medicare-facet-lcd/2021.yaml";

    private static readonly Lazy<RuleCatalog> Shipped = new(() => RuleCatalog.Load([Path.Combine(RepositoryRoot.Path, "rules")], includeTests: false).Catalog);

    private static readonly Lazy<byte[]> Sample = new(() =>
        Encoding.UTF8.GetBytes(string.Join('\n', File.ReadLines(EncounterSample.FilePath).Take(300)) + "\n"));

    // Each rewrite keeps the meaning: comments, quoting, blank lines.
    private static readonly Func<string, string>[] Rewrites =
    [
        t => t.Replace("\n  - id: ", "\n  # reviewed\n  - id: ", StringComparison.Ordinal),
        t => t.Replace("severity: error", "severity: \"error\"", StringComparison.Ordinal),
        t => t.Replace("category: coverage", "category: 'coverage'", StringComparison.Ordinal),
        t => t.Replace("\nchecks:\n", "\n\n\nchecks:\n", StringComparison.Ordinal),
        t => "# a comment at the top\n" + t,
    ];

    [Property(MaxTest = 12)]
    public Property AReformattedPolicyHasNoDiffAndNoImpact() =>
        Prop.ForAll(Gen.SubListOf(Enumerable.Range(0, Rewrites.Length)).ToArbitrary(), chosen =>
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, PolicyFile));
            foreach (var i in chosen)
            {
                text = Rewrites[i](text);
            }

            using var folder = new TempFolder();
            var file = folder.Write("2021.yaml", text);
            var (rewritten, diagnostics) = RuleCatalog.Load([file], [Path.Combine(RepositoryRoot.Path, "rules")], includeTests: false);
            var before = Shipped.Value.RuleSets;
            var replaced = rewritten.RuleSets.ToDictionary(r => (r.Id, r.Version));
            var after = before.Select(r => replaced.TryGetValue((r.Id, r.Version), out var x) ? x with { Effective = r.Effective, UntilDerived = r.UntilDerived } : r).ToList();
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || replaced.Count < 16)
            {
                return false.Label($"the rewritten template gives {replaced.Count} versions: {string.Join("; ", diagnostics)}");
            }

            var diff = RuleDiff.Compare(before, after);
            using var input = new MemoryStream(Sample.Value);
            var impact = ImpactReplay.Run(before, after, input);

            return (diff.IsEmpty && impact.Changed.IsEmpty && impact.EncountersRead == 300)
                .Label($"rewrites [{string.Join(", ", chosen)}]: {diff.Length} changes, {impact.Changed.Length} encounters changed");
        });
}
