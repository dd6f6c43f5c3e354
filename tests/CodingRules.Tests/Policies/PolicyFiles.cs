using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Encounters;

namespace CodingRules.Tests.Policies;

/// <summary>
/// Small rule files for policy tests, written to a temporary folder: a minimal coding rule set (two procedure kinds,
/// one cervical and three lumbar levels, a primary code and an add-on per region) and policies built from a list of
/// checks. Nothing here depends on the shipped rules.
/// </summary>
internal sealed class PolicyFiles : IDisposable
{
    /// <summary>The kind every test policy handles.</summary>
    public const string Ablation = "demo-ablation";

    /// <summary>A kind the coding rule set codes but the policies do not handle (unless asked to).</summary>
    public const string Block = "demo-block";

    public const string PayerA = "payer-a";

    public const string PayerB = "payer-b";

    /// <summary>The lumbar primary, the lumbar add-on, the cervical primary.</summary>
    public const string LumbarFirst = "11111", LumbarMore = "11112", CervicalFirst = "22221";

    public PolicyFiles() => Folder = Directory.CreateTempSubdirectory("codingrules-policy-").FullName;

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>The vocabulary both the coding rule set and the policies use.</summary>
    public const string Vocabulary =
        """
        vocabulary:
          regions:
            - id: cervical
            - id: lumbar
          levels:
            - { id: C5-C6, region: cervical }
            - { id: L3-L4, region: lumbar }
            - { id: L4-L5, region: lumbar }
            - { id: L5-S1, region: lumbar }

        """;

    /// <summary>The coding rule set, optionally with extra check text (a <c>checks:</c> block) appended.</summary>
    public static string Coding(string? checks = null) =>
        $$"""
        ruleSet: demo-coding
        version: "2000-01"
        kind: coding
        summary: A demo coding rule set for policy tests.
        effective:
          from: 2000-01-01
        handles: [{{Ablation}}, {{Block}}]
        codes:
          - { code: "{{LumbarFirst}}", description: Lumbar first joint }
          - { code: "{{LumbarMore}}", description: Lumbar further joint, addOn: true }
          - { code: "{{CervicalFirst}}", description: Cervical first joint }
          - { code: "22222", description: Cervical further joint, addOn: true }
        {{Vocabulary}}laterality:
          left: LT
          right: RT
          bilateral: "50"
        families:
          - id: lumbar
            regions: [lumbar]
            ladder:
              - { code: "{{LumbarFirst}}", from: 1, to: 1, units: per-joint }
              - { code: "{{LumbarMore}}", from: 2, units: per-joint }
          - id: cervical
            regions: [cervical]
            ladder:
              - { code: "{{CervicalFirst}}", from: 1, to: 1, units: per-joint }
              - { code: "22222", from: 2, units: per-joint }

        """ + (checks ?? string.Empty);

    /// <summary>
    /// A policy for <see cref="PayerA"/> and <see cref="PayerB"/> handling <see cref="Ablation"/>, in force from
    /// 2020-01-01 (until <paramref name="until"/> when given), with the given <c>checks:</c> block.
    /// </summary>
    public static string Policy(string checks, string id = "demo-policy", string version = "2020-01", string from = "2020-01-01", string? until = null, string handles = Ablation, string payers = PayerA + ", " + PayerB) =>
        $"""
        ruleSet: {id}
        version: "{version}"
        kind: policy
        summary: A demo payer policy for policy tests.
        payers: [{payers}]
        handles: [{handles}]
        effective:
          from: {from}
        {(until is null ? string.Empty : $"  until: {until}\n")}{Vocabulary}{checks}
        """;

    /// <summary>A frequency check (session scope, a rolling 12-month window) and a levels check (more than two levels).</summary>
    public const string FrequencyAndLevels =
        """
        checks:
          - id: frequency
            finding: C-FREQUENCY
            severity: error
            category: coverage
            scope: session
            when: >-
              count(distinct(map(filter(encounter.history, h => h.kind == "demo-ablation"
              and h.date >= encounter.dateOfService - months(12) and h.date < encounter.dateOfService
              and session.region in h.regions), h => h.date))) >= 2
            message: >-
              {session.region}: {count(distinct(map(filter(encounter.history, h => h.kind == "demo-ablation"
              and h.date >= encounter.dateOfService - months(12) and h.date < encounter.dateOfService
              and session.region in h.regions), h => h.date)))} ablations since {encounter.dateOfService - months(12)}
          - id: levels
            finding: C-LEVELS
            severity: error
            category: coverage
            scope: session
            when: count(session.levels) > 2
            message: "{count(session.levels)} levels in the {session.region} session: {session.levels}"

        """;

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/>; returns the full path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public (RuleCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics) Load() => RuleCatalog.Load([Folder]);

    /// <summary>Writes the coding rule set and the policy, loads them and insists on a clean load.</summary>
    public RuleCatalog LoadClean(string policy, string? coding = null)
    {
        Write("demo-coding/2000-01.yaml", coding ?? Coding());
        Write("demo-policy/2020-01.yaml", policy);
        var (catalog, diagnostics) = Load();
        Assert.Empty(diagnostics);
        return catalog;
    }

    public static Encounter Encounter(string dateOfService, string? payer, params Procedure[] procedures) =>
        new("E-POL", D(dateOfService), payer, null, [], [.. procedures], []);

    public static Procedure Procedure(string kind, params JointTarget[] joints) =>
        new(kind, "radiofrequency", null, "fluoroscopy", null, null, [.. joints]);

    public static JointTarget Joint(string level, Side side) => new(level, side);

    public static HistoryEntry History(string date, string kind, params JointTarget[] joints) =>
        new(D(date), kind, "therapeutic", "radiofrequency", [.. joints], 80, 9);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="marker"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column) Position(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{marker}' not in the text");
        var lineStart = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
        return (1 + text.AsSpan(0, at).Count('\n'), at - lineStart + 1);
    }
}
