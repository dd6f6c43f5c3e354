using System.Collections.Frozen;
using System.Collections.Immutable;
using CodingRules.Composition;
using CodingRules.Diagnostics;
using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Language;
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

    private RuleCatalog(ImmutableArray<RuleSet> ruleSets, ImmutableArray<RuleTestFile> tests, CompositionResult? composition = null)
    {
        RuleSets = ruleSets;
        Tests = tests;
        Templates = composition?.Templates ?? [];
        Libraries = composition?.Libraries ?? [];
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

    /// <summary>The templates loaded (versions that others extend, never selected by date).</summary>
    public ImmutableArray<RuleDocument> Templates { get; }

    /// <summary>The libraries loaded (parts that rule sets import).</summary>
    public ImmutableArray<RuleDocument> Libraries { get; }

    /// <summary>The composed form of each loaded rule set version (what it was compiled from).</summary>
    public ImmutableArray<ComposedRuleSet> Composed { get; private init; } = [];

    /// <summary>A loaded version written out flat (<see cref="FlatWriter"/>), or null when it is not loaded.</summary>
    public string? Flat(string ruleSetId, string version)
    {
        if (Composed.FirstOrDefault(c => c.File.Id == ruleSetId && c.File.Version == version) is not { } composed)
        {
            return null;
        }

        // A data table's rows go into the flat file itself, so that it loads alone, anywhere.
        var dataLines = RuleSets.FirstOrDefault(r => r.Id == ruleSetId && r.Version == version)?.DataTables
            .ToDictionary(d => d.Name, d => (IReadOnlyList<string>)d.Lines, StringComparer.Ordinal);
        return FlatWriter.Write(composed, dataLines);
    }

    /// <summary>
    /// Loads every rule and test file under the given files or folders. Never throws for bad content: problems are
    /// returned as diagnostics, sorted by location.
    /// </summary>
    public static (RuleCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics) Load(IEnumerable<string> paths) => Load(paths, includeTests: true);

    /// <summary>
    /// Loads rule files, and the test files beside them only when <paramref name="includeTests"/> is true. A host
    /// that only evaluates skips the tests (most of a rule folder's text) and loads several times faster.
    /// </summary>
    public static (RuleCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics) Load(IEnumerable<string> paths, bool includeTests) =>
        Load(paths, includeTests, CompileOptions.Default);

    /// <summary>
    /// Loads the rule sets written in, or built on, the files under <paramref name="paths"/>, composed against the
    /// files under <paramref name="buildingOn"/>: those are read only for what the first build on (templates,
    /// libraries, base versions), and a document under <paramref name="paths"/> takes the place of one of the same
    /// kind, id and version there. So an edited copy of one rule file, or of a template, is loaded as if it stood in
    /// the rules folder in place of the original; the catalog holds the rule sets that file makes (for a template,
    /// every version built on it). Diagnostics are those of the files the kept rule sets were composed from.
    /// </summary>
    public static (RuleCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics) Load(IEnumerable<string> paths, IEnumerable<string> buildingOn, bool includeTests) =>
        Load(paths, includeTests, CompileOptions.Default, buildingOn);

    /// <summary>
    /// <see cref="Load(IEnumerable{string}, bool)"/> (or, with <paramref name="buildingOn"/>, the overload that builds
    /// on another folder) with a <see cref="SchemaCheckCache"/>: files whose text passed the schema check before are
    /// not checked again, and the cache is saved with what this load adds. The catalog and the diagnostics are those
    /// of a load without it.
    /// </summary>
    public static (RuleCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics) Load(IEnumerable<string> paths, bool includeTests, SchemaCheckCache? schemaCache, IEnumerable<string>? buildingOn = null) =>
        Load(paths, includeTests, CompileOptions.Default, buildingOn, schemaCache);

    internal static (RuleCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics) Load(IEnumerable<string> paths, bool includeTests, CompileOptions options, IEnumerable<string>? buildingOn = null, SchemaCheckCache? schemaCache = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var bag = new DiagnosticBag();
        var documents = new List<RuleDocument>();
        var tests = new List<RuleTestFile>();
        var own = new HashSet<string>(StringComparer.Ordinal);
        var found = RuleFileReader.FindFiles(paths, bag).ToList();
        own.UnionWith(found.Select(Path.GetFullPath));
        foreach (var loaded in RuleFileLoader.ReadFiles([.. found.Where(f => includeTests || !RuleFileReader.IsTestFile(f))], bag, schemaCache))
        {
            if (loaded is RuleDocument document)
            {
                documents.Add(document);
            }
            else if (loaded is RuleTestFile testFile)
            {
                tests.Add(testFile);
            }
        }

        var ownNames = documents.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var context = new DiagnosticBag();
        var contextFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (buildingOn is not null)
        {
            var others = RuleFileReader.FindFiles(buildingOn, context).Where(f => !RuleFileReader.IsTestFile(f) && !own.Contains(Path.GetFullPath(f)));
            foreach (var loaded in RuleFileLoader.ReadFiles([.. others], context, schemaCache))
            {
                if (loaded is RuleDocument document && !ownNames.Contains(document.Name))
                {
                    documents.Add(document);
                    contextFiles[document.Name] = document.Source.Path;
                }
            }
        }

        schemaCache?.Save();
        var composition = Composer.Compose(documents, context);
        var wanted = composition.RuleSets.Where(c => buildingOn is null || ownNames.Contains(c.File.Name) || c.Bases.Any(ownNames.Contains)).ToList();
        var ruleSets = RuleFileLoader.Compile(wanted, context, options);

        // Note: the diagnostics of the files the wanted rule sets were composed from, and of every file under paths;
        // an unrelated mistake elsewhere in the folder built on does not stop this load.
        var read = own.Concat(wanted.SelectMany(c => c.Bases.Append(c.File.Name)).Select(n => contextFiles.GetValueOrDefault(n)).OfType<string>().Select(Path.GetFullPath))
            .ToHashSet(StringComparer.Ordinal);
        bag.AddRange(buildingOn is null ? context.ToSortedArray() : context.ToSortedArray().Where(d => read.Contains(Path.GetFullPath(d.Location.Path))));

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
            var known = t.TemplateVersion is null
                ? ordered.Any(r => r.Id == t.RuleSetId)
                : composition.Templates.Any(d => d.Id == t.RuleSetId && d.Version == t.TemplateVersion);
            if (!known)
            {
                bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR4010_TestUnknownRuleSet, t.Location, t.Template ?? t.RuleSetId));
            }
        }

        var kept = ordered.Select(r => (r.Id, r.Version)).ToHashSet();
        return (new RuleCatalog(ordered, [.. tests.OrderBy(t => t.Location.Path, StringComparer.Ordinal)], composition)
        {
            Composed = [.. wanted.Where(c => kept.Contains((c.File.Id, c.File.Version)))],
        }, bag.ToSortedArray());
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

    /// <summary>
    /// The rule sets of <paramref name="ruleSets"/> with <paramref name="version"/> in place of every version of its
    /// rule set, in force on every date: what a replay evaluates with to answer "these encounters coded under this
    /// version rather than that one", whatever their dates.
    /// </summary>
    public static ImmutableArray<RuleSet> InPlaceOf(IEnumerable<RuleSet> ruleSets, RuleSet version)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        ArgumentNullException.ThrowIfNull(version);
        return [.. ruleSets.Where(r => r.Id != version.Id), version with { Effective = new EffectivePeriod(DateOnly.MinValue, null), UntilDerived = false }];
    }

    /// <summary>This catalog with <paramref name="version"/> in force on every date in place of its rule set's versions (<see cref="InPlaceOf"/>).</summary>
    public RuleCatalog WithVersion(RuleSet version) => new(InPlaceOf(RuleSets, version), Tests);

    /// <summary>Evaluates one encounter. Thread-safe.</summary>
    public EvaluationResult Evaluate(Encounter encounter, EvaluationTrace? trace = null) =>
        Evaluator.Evaluate(encounter, _coding, trace);

    /// <summary>Evaluates one encounter, telling <paramref name="coverage"/> what it exercised (<see cref="CoverageRecorder"/>, not thread-safe).</summary>
    public EvaluationResult Evaluate(Encounter encounter, EvaluationTrace? trace, CoverageRecorder? coverage) =>
        Evaluator.Evaluate(encounter, _coding, trace, coverage);

    /// <summary>Reads and evaluates one JSON record; an invalid record gives an error result. Never throws.</summary>
    public EvaluationResult Evaluate(ReadOnlySpan<byte> utf8Json, EvaluationTrace? trace = null) => Evaluate(utf8Json, trace, null);

    /// <summary>Reads and evaluates one JSON record, telling <paramref name="coverage"/> (when not null) what it exercised.</summary>
    public EvaluationResult Evaluate(ReadOnlySpan<byte> utf8Json, EvaluationTrace? trace, CoverageRecorder? coverage)
    {
        var read = EncounterReader.Read(utf8Json);
        return read.Encounter is null
            ? EvaluationResult.Invalid(read.EncounterId, read.Errors)
            : Evaluator.Evaluate(read.Encounter, _coding, trace, coverage);
    }

    /// <summary>Runs every test case of the catalog's test files.</summary>
    public ImmutableArray<RuleTestResult> RunTests() => RuleTestRunner.Run(this);

    /// <summary>
    /// Runs the test cases <paramref name="include"/> selects (all when null; see <see cref="RuleTestRunner.Run(RuleCatalog, Func{RuleTestFile, RuleTestCase, string?, bool}?, CoverageRecorder?)"/>),
    /// telling <paramref name="coverage"/> (when not null) what they exercised.
    /// </summary>
    public ImmutableArray<RuleTestResult> RunTests(Func<RuleTestFile, RuleTestCase, string?, bool>? include, CoverageRecorder? coverage) =>
        RuleTestRunner.Run(this, include, coverage);
}
