using System.Collections.Frozen;
using System.Collections.Immutable;
using CodingRules.Diagnostics;
using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Results;
using CodingRules.Testing;

namespace CodingRules.Catalog;

/// <summary>
/// The loaded rule sets (and their test files). The entry point of the library:
/// <code>
/// var (catalog, diagnostics) = RuleCatalog.Load(["rules"]);
/// EvaluationResult result = catalog.Evaluate(encounter);
/// </code>
/// A catalog is immutable and thread-safe. A rule file with errors is left out (its diagnostics say why); to keep
/// the last good rules in force on reload, keep using the previous catalog while a new load has errors.
/// </summary>
public sealed class RuleCatalog
{
    private readonly FrozenDictionary<string, ImmutableArray<RuleSet>> _versions;
    private readonly CodingIndex _coding;

    private RuleCatalog(ImmutableArray<RuleSet> ruleSets, ImmutableArray<RuleTestFile> tests)
    {
        RuleSets = ruleSets;
        Tests = tests;
        _versions = ruleSets.GroupBy(r => r.Id, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(r => r.Effective.From).ToImmutableArray(), StringComparer.Ordinal);
        _coding = new CodingIndex(ruleSets);
    }

    /// <summary>An empty catalog.</summary>
    public static RuleCatalog Empty { get; } = new([], []);

    /// <summary>The compiled rule sets, ordered by id then effective date.</summary>
    public ImmutableArray<RuleSet> RuleSets { get; }

    /// <summary>The rule test files found beside the rules.</summary>
    public ImmutableArray<RuleTestFile> Tests { get; }

    /// <summary>
    /// Loads every rule and test file under the given files or folders. Never throws for bad content: problems are
    /// returned as diagnostics, sorted by location.
    /// </summary>
    public static (RuleCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics) Load(IEnumerable<string> paths) => Load(paths, includeTests: true);

    /// <summary>
    /// Loads rule files, and the test files beside them only when <paramref name="includeTests"/> is true. A host
    /// that only evaluates skips the tests (most of a rule folder's text) and loads several times faster.
    /// </summary>
    public static (RuleCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics) Load(IEnumerable<string> paths, bool includeTests)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var bag = new DiagnosticBag();
        var ruleSets = new List<RuleSet>();
        var tests = new List<RuleTestFile>();
        foreach (var file in RuleFileReader.FindFiles(paths, bag))
        {
            if (!includeTests && RuleFileReader.IsTestFile(file))
            {
                continue;
            }

            var loaded = RuleFileLoader.LoadFile(file, bag);
            if (loaded is RuleSet ruleSet)
            {
                ruleSets.Add(ruleSet);
            }
            else if (loaded is RuleTestFile testFile)
            {
                tests.Add(testFile);
            }
        }

        var distinct = new Dictionary<(string, string), RuleSet>();
        foreach (var r in ruleSets)
        {
            if (distinct.TryGetValue((r.Id, r.Version), out var first))
            {
                bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR4015_DuplicateRuleSetVersion, r.Location, r.Id, r.Version, first.Location.ToString()));
                continue;
            }

            distinct.Add((r.Id, r.Version), r);
        }

        var ordered = VersionTimeline.Build(distinct.Values, bag);
        foreach (var t in tests)
        {
            if (!ordered.Any(r => r.Id == t.RuleSetId))
            {
                bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR4010_TestUnknownRuleSet, t.Location, t.RuleSetId));
            }
        }

        return (new RuleCatalog(ordered, [.. tests.OrderBy(t => t.Location.Path, StringComparer.Ordinal)]), bag.ToSortedArray());
    }

    /// <summary>The ids of the loaded rule sets, sorted.</summary>
    public IEnumerable<string> RuleSetIds => RuleSets.Select(r => r.Id).Distinct(StringComparer.Ordinal);

    /// <summary>The versions of one rule set, oldest first, with their in-force periods; empty when unknown.</summary>
    public ImmutableArray<RuleSet> Versions(string ruleSetId) =>
        _versions.TryGetValue(ruleSetId, out var versions) ? versions : [];

    /// <summary>
    /// The version of <paramref name="ruleSetId"/> in force on <paramref name="date"/>, with the nearest versions
    /// before and after it (so a caller can say why none is in force).
    /// </summary>
    public Resolution Resolve(string ruleSetId, DateOnly date)
    {
        RuleSet? inForce = null, before = null, after = null;
        foreach (var v in Versions(ruleSetId))
        {
            if (v.Effective.Contains(date))
            {
                inForce ??= v;
            }
            else if (v.Effective.Until is { } u && u < date)
            {
                before = v;
            }
            else if (v.Effective.From > date)
            {
                after ??= v;
            }
        }

        return new Resolution(ruleSetId, date, inForce, before, after);
    }

    /// <summary>Evaluates one encounter. Thread-safe.</summary>
    public EvaluationResult Evaluate(Encounter encounter, EvaluationTrace? trace = null) =>
        Evaluator.Evaluate(encounter, _coding, trace);

    /// <summary>Reads and evaluates one JSON record; an invalid record gives an error result. Never throws.</summary>
    public EvaluationResult Evaluate(ReadOnlySpan<byte> utf8Json, EvaluationTrace? trace = null)
    {
        var read = EncounterReader.Read(utf8Json);
        return read.Encounter is null
            ? EvaluationResult.Invalid(read.EncounterId, read.Errors)
            : Evaluator.Evaluate(read.Encounter, _coding, trace);
    }

    /// <summary>Runs every test case of the catalog's test files.</summary>
    public ImmutableArray<RuleTestResult> RunTests() => RuleTestRunner.Run(this);
}
