using System.Text.RegularExpressions;
using CodingRules.Diagnostics;

namespace CodingRules.Tests.Golden;

/// <summary>docs/diagnostics.md documents every diagnostic of the catalog, and only those.</summary>
public sealed partial class DiagnosticsDocTests
{
    private static readonly string Doc = File.ReadAllText(GoldenPaths.DiagnosticsDoc);

    [Fact]
    public void EveryDescriptorHasASectionInTheDoc()
    {
        var missing = DiagnosticDescriptors.All.Where(d => !Doc.Contains($"### {d.Id}: {d.Title}", StringComparison.Ordinal)).Select(d => d.Id).ToList();
        Assert.True(missing.Count == 0, "Not in docs/diagnostics.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void TheDocNamesNoIdThatIsNotInTheCatalog()
    {
        var known = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = DocumentedId().Matches(Doc).Select(m => m.Value).Where(id => !known.Contains(id)).Distinct().ToList();
        Assert.True(unknown.Count == 0, "Documented but not in the catalog: " + string.Join(", ", unknown));
    }

    [Fact]
    public void IdsAreUniqueAndBandedByPhase()
    {
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^CR[1-6][0-9]{3}$", id));
    }

    [GeneratedRegex(@"\bCR[0-9]{4}\b")]
    private static partial Regex DocumentedId();
}
