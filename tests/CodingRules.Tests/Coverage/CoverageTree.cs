using System.Collections.Immutable;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Evaluation;
using CodingRules.Testing;

namespace CodingRules.Tests.Coverage;

/// <summary>
/// A small rules tree in a temporary folder for coverage tests: a coding rule set <c>demo</c> whose one test case
/// codes one joint (so its two checks never fire, its add-on step never codes and one look-up key is never read), and
/// a template <c>tpl@base</c> extended by <c>tpl-a</c> and <c>tpl-b</c>, with a case for <c>tpl-a</c> only that fires
/// the template's check.
/// </summary>
internal sealed class CoverageTree : IDisposable
{
    public const string Demo = """
ruleSet: demo
version: "2020-01"
kind: coding
summary: A demo rule set for coverage tests.
effective:
  from: 2020-01-01
handles: [demo-kind]
sources:
  - { id: S-1, title: The demo source }
codes:
  - { code: "11111", description: The demo primary }
  - { code: "22222", description: The demo add-on, addOn: true }
vocabulary:
  regions:
    - id: lumbar
  levels:
    - { id: L3-L4, region: lumbar }
    - { id: L4-L5, region: lumbar }
    - { id: L5-S1, region: lumbar }
laterality: { left: LT, right: RT, bilateral: "50" }
tables:
  weights: { L4-L5: 1, L5-S1: 9 }
families:
  - id: lumbar
    regions: [lumbar]
    ladder:
      - { code: "11111", from: 1, to: 1, units: per-joint }
      - { code: "22222", from: 2, units: per-joint }
checks:
  - id: many-joints
    finding: W-MANY
    severity: warning
    category: coding
    when: count(procedure.joints) > 2
    message: Many joints.
    source: S-1
  - id: heavy-joint
    finding: W-HEAVY
    severity: warning
    category: coding
    scope: joint
    when: (lookup("weights", joint.level) ?? 0) > 5
    message: A heavy joint.
    source: S-1
""";

    public const string DemoTests = """
tests: demo
cases:
  - name: One right joint is the primary code
    encounter:
      id: T-1
      dateOfService: 2024-01-01
      procedures:
        - kind: demo-kind
          joints: [ { level: L4-L5, side: right } ]
    expect:
      lines: [ { code: "11111", modifiers: [RT] } ]
      findings: []
""";

    /// <summary>A case that fires <c>many-joints</c> and reaches the add-on step (three joints on the right).</summary>
    public const string ThreeJointsCase = """
  - name: Three right joints are the primary and two add-ons, and many
    encounter:
      id: T-3
      dateOfService: 2024-01-01
      procedures:
        - kind: demo-kind
          joints: [ { level: L3-L4, side: right }, { level: L4-L5, side: right }, { level: L5-S1, side: right } ]
    expect:
      lines: [ { code: "11111", modifiers: [RT] }, { code: "22222", modifiers: [RT], units: 2 } ]
      findings: [W-MANY, W-HEAVY]

""";

    public const string Template = """
ruleSet: tpl
version: "base"
template: true
kind: coding
handles: [tpl-kind]
summary: A demo template for coverage tests.
sources:
  - { id: S-1, title: The demo source }
codes:
  - { code: "33333", description: The template code }
vocabulary:
  regions:
    - id: cervical
  levels:
    - { id: C3-C4, region: cervical }
laterality: { left: LT, right: RT }
families:
  - id: cervical
    regions: [cervical]
    ladder:
      - { code: "33333", from: 1, units: per-joint }
checks:
  - id: no-joints
    finding: E-NONE
    severity: error
    category: coding
    when: count(procedure.joints) == 0
    message: No joints.
    source: S-1
    effect: stop
""";

    public const string VersionA = """
ruleSet: tpl-a
version: "2020-01"
extends: tpl@base
effective: { from: 2020-01-01 }

""";

    public const string VersionB = """
ruleSet: tpl-b
version: "2020-01"
extends: tpl@base
effective: { from: 2020-01-01 }

""";

    public const string VersionATests = """
tests: tpl-a
cases:
  - name: No joints stops
    encounter:
      id: T-2
      dateOfService: 2024-01-01
      procedures: [ { kind: tpl-kind, joints: [] } ]
    expect: { lines: [], findings: [E-NONE] }
""";

    public CoverageTree()
    {
        Write("demo/2020-01.yaml", Demo);
        Write("demo/2020-01.tests.yaml", DemoTests);
        Write("tpl/base.yaml", Template);
        Write("tpl-a/2020-01.yaml", VersionA);
        Write("tpl-b/2020-01.yaml", VersionB);
        Write("tpl-a/2020-01.tests.yaml", VersionATests);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("codingrules-coverage-").FullName;

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>Adds <see cref="ThreeJointsCase"/> to the demo's tests.</summary>
    public void AddThreeJointsCase() => Write("demo/2020-01.tests.yaml", DemoTests + "\n" + ThreeJointsCase);

    /// <summary>The 1-based line of the first line of <paramref name="text"/> that contains <paramref name="part"/>.</summary>
    public static int LineOf(string text, string part) =>
        Array.FindIndex(text.ReplaceLineEndings("\n").Split('\n'), l => l.Contains(part, StringComparison.Ordinal)) + 1;

    /// <summary>Loads the tree, runs every case with a recorder and builds the report.</summary>
    public (CoverageReport Report, ImmutableArray<RuleTestResult> Results) Run(Func<RuleTestFile, RuleTestCase, string?, bool>? include = null)
    {
        var (catalog, diagnostics) = RuleCatalog.Load([Folder]);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var recorder = new CoverageRecorder();
        var results = catalog.RunTests(include, recorder);
        Assert.All(results, r => Assert.True(r.Passed, string.Join("; ", r.Failures)));
        return (CoverageReport.Build(catalog.RuleSets, catalog.Templates.Concat(catalog.Libraries), recorder), results);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
