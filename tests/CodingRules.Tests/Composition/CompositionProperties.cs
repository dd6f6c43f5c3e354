using System.Text.RegularExpressions;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Diff;
using CodingRules.Results;
using CodingRules.Tests.Diff;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.Composition;

/// <summary>
/// Laws of composition, on the shipped rules: a composed rule set written out flat evaluates every encounter alike;
/// an override that changes nothing is no change (same hash, empty diff); a mistake is reported in the file that
/// holds it and in no other; a change to a template changes the hash of every version built on it, and only theirs.
/// </summary>
public sealed partial class CompositionProperties
{
    private static readonly string Rules = Path.Combine(RepositoryRoot.Path, "rules");

    private static readonly Lazy<RuleCatalog> FlatCatalog = new(LoadFlat);

    private static readonly Lazy<string[]> Sample = new(() => File.ReadAllLines(EncounterSample.FilePath));

    /// <summary>The shipped rule files that build on a template (the contractors' versions).</summary>
    private static readonly Lazy<string[]> Overlays = new(() =>
        [.. ShippedRules.Composed.Where(c => c.Extends is not null && c.File.Root["override"] is null).Select(c => c.File.Source.Path).Order(StringComparer.Ordinal)]);

    [Property(MaxTest = 300)]
    public Property AComposedRuleSetWrittenOutFlatEvaluatesEveryEncounterAlike() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, Sample.Value.Length - 1)), index =>
        {
            var record = System.Text.Encoding.UTF8.GetBytes(Sample.Value[index]);
            var composed = Outcome(ShippedRules.Catalog.Evaluate(record));
            var flat = Outcome(FlatCatalog.Value.Evaluate(record));
            return (composed == flat).Label($"record {index + 1}:\ncomposed {composed}\nflat     {flat}");
        });

    [Property(MaxTest = 40)]
    public Property AnOverrideThatChangesNothingIsNoChange() =>
        Prop.ForAll(
            Arb.From(Gen.Elements(Overlays.Value).SelectMany(file => Gen.Choose(0, 1000).Select(pick => (file, pick)))),
            choice =>
            {
                var (file, pick) = choice;
                var shipped = ShippedRules.Catalog.RuleSets.Single(r => r.Location.Path == file || Path.GetFullPath(r.Location.Path) == Path.GetFullPath(file));
                var check = shipped.Checks[pick % shipped.Checks.Length];
                var source = shipped.Sources.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ElementAt(pick % shipped.Sources.Count);
                string[] fields =
                [
                    string.Empty,
                    $", severity: {check.Severity.ToString().ToLowerInvariant()}",
                    $", category: {check.Category}",
                    check.Source is null ? string.Empty : $", source: {check.Source}",
                    $", finding: {check.Finding}",
                ];
                var overlay = File.ReadAllText(file).TrimEnd('\n') + "\noverride:\n  checks:\n"
                    + $"    - {{ id: {check.Id}{fields[pick % fields.Length]} }}\n"
                    + $"  sources:\n    - {{ id: {source.Id} }}\n";
                using var folder = new TempFolder();
                var written = folder.Write(Path.GetFileName(file), overlay);
                var (loaded, diagnostics) = RuleCatalog.Load([written], [Rules], includeTests: false);
                var again = loaded.RuleSets.SingleOrDefault(r => r.Id == shipped.Id && r.Version == shipped.Version);
                if (again is null)
                {
                    return false.Label($"{overlay}\ndoes not load: {string.Join("; ", diagnostics)}");
                }

                var changes = RuleDiff.CompareVersions(shipped, again);
                return (changes.IsEmpty && again.Sha256 == shipped.Sha256)
                    .Label($"{overlay}\n{changes.Length} changes: {string.Join("; ", changes.Select(c => c.Summary))}; hash {shipped.Sha256} -> {again.Sha256}");
            });

    [Property(MaxTest = 60)]
    public Property AMistakeIsReportedInTheFileThatHoldsItAndNoOther() =>
        Prop.ForAll(Arb.From(Gen.Elements(MemberNamesInConditions.Value)), mistake =>
        {
            var (file, offset, name) = mistake;
            var text = File.ReadAllText(file);
            var broken = string.Concat(text.AsSpan(0, offset), name + "x", text.AsSpan(offset + name.Length));
            using var folder = new TempFolder();
            var written = folder.Write(Path.Combine(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetFileName(file)), broken);
            var (_, diagnostics) = RuleCatalog.Load([written], [Rules], includeTests: false);
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var line = broken.AsSpan(0, offset).Count('\n') + 1;
            var column = offset - broken.LastIndexOf('\n', offset - 1);
            var described = $"{Path.GetRelativePath(Rules, file)} line {line} col {column}: '{name}' -> '{name}x'\n{string.Join("\n", errors)}";
            return (errors.Count > 0).Label("no error: " + described)
                .And(errors.All(e => e.Location.Path == written)).Label("an error in another file: " + described)
                .And(errors.Any(e => e.Location.Line == line && e.Location.Column == column)).Label("no error at the mistake: " + described);
        });

    [Fact]
    public void AChangeToATemplateChangesTheHashOfEveryVersionBuiltOnItAndOnlyTheirs()
    {
        var template = Path.Combine(Rules, "medicare-facet-lcd", "2021.yaml");
        using var folder = new TempFolder();
        var edited = folder.Write("2021.yaml", File.ReadAllText(template).Replace("(the LCD body was not read)", "(the LCD body itself was not read)", StringComparison.Ordinal));

        var (loaded, diagnostics) = RuleCatalog.Load([edited], [Rules], includeTests: false);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var builtOn = ShippedRules.Catalog.RuleSets.Where(r => r.Bases.Contains("medicare-facet-lcd@2021")).ToList();
        Assert.Equal(17, builtOn.Count); // eight contractors' 2021 and 2023 versions, and CGS 2025
        Assert.Equal(builtOn.Select(r => (r.Id, r.Version)).Order(), loaded.RuleSets.Select(r => (r.Id, r.Version)).Order());
        foreach (var version in loaded.RuleSets)
        {
            Assert.NotEqual(builtOn.Single(r => r.Id == version.Id && r.Version == version.Version).Sha256, version.Sha256);
        }

        var (again, _) = RuleCatalog.Load([template], [Rules], includeTests: false);
        Assert.All(again.RuleSets, r => Assert.Equal(builtOn.Single(b => b.Id == r.Id && b.Version == r.Version).Sha256, r.Sha256));
    }

    /// <summary>Every member name after a dot on a one-line <c>when:</c> of a shipped rule file, template or library.</summary>
    private static readonly Lazy<(string File, int Offset, string Name)[]> MemberNamesInConditions = new(() =>
    [
        .. Directory.EnumerateFiles(Rules, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !CodingRules.Loading.RuleFileReader.IsTestFile(f))
            .Order(StringComparer.Ordinal)
            .SelectMany(file =>
            {
                var text = File.ReadAllText(file);
                return WhenLine().Matches(text).SelectMany(when => MemberName().Matches(when.Groups["expr"].Value)
                    .Select(m => (file, when.Groups["expr"].Index + m.Groups[1].Index, m.Groups[1].Value)));
            }),
    ]);

    private static string Outcome(EvaluationResult result) =>
        string.Join(" | ", [
            .. result.Lines.Select(l => $"{l} [{string.Join(",", l.Joints)}] by {l.Rule}"),
            .. result.Findings.Select(f => $"{f.Id} {f.Severity} {f.RuleSet} {f.Version} {f.Rule} {f.Source} {f.Message}"),
            .. result.Errors.Select(e => $"{e.Id} {e.Path}"),
        ]);

    private static RuleCatalog LoadFlat()
    {
        var folder = Directory.CreateTempSubdirectory("codingrules-flat-").FullName;
        try
        {
            foreach (var c in ShippedRules.Composed)
            {
                var dir = Directory.CreateDirectory(Path.Combine(folder, c.File.Id)).FullName;
                File.WriteAllText(Path.Combine(dir, Path.GetFileName(c.File.Source.Path)), ShippedRules.Flat(c.File.Id, c.File.Version));
            }

            var (catalog, diagnostics) = RuleCatalog.Load([folder], includeTests: false);
            Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal(ShippedRules.Catalog.RuleSets.Length, catalog.RuleSets.Length);
            return catalog;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"(?m)^\s*when: (?<expr>[^>|\n][^\n]*)$")]
    private static partial Regex WhenLine();

    [GeneratedRegex(@"\.([A-Za-z][A-Za-z0-9]*)\b")]
    private static partial Regex MemberName();
}
