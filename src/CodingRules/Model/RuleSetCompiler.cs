using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Composition;
using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Loading;
using CodingRules.Results;
using CodingRules.Text;

namespace CodingRules.Model;

/// <summary>
/// Turns a loaded rule document into a compiled <see cref="RuleSet"/>: resolves names, compiles every expression and
/// message template, and reports semantic errors (CR4xxx) and expression errors (CR2xxx, CR3xxx) at their file
/// locations. Tolerant of malformed structure (the schema reports that): what cannot be read is skipped, never thrown.
/// </summary>
public sealed partial class RuleSetCompiler
{
    private readonly DiagnosticBag _diagnostics;
    private readonly SourceText _source;
    private int _slotCount;
    private readonly List<(DocScalar At, double Cost)> _costs = [];
    private System.Collections.Immutable.ImmutableDictionary<string, IReadOnlyDictionary<string, Language.Value>> _tables =
        System.Collections.Immutable.ImmutableDictionary<string, IReadOnlyDictionary<string, Language.Value>>.Empty;

    private readonly CompileOptions _options;
    private readonly ComposedRuleSet _composed;

    private RuleSetCompiler(ComposedRuleSet composed, DiagnosticBag diagnostics, CompileOptions options)
    {
        _composed = composed;
        _source = composed.Document.Span.Source;
        _diagnostics = diagnostics;
        _options = options;
    }

    /// <summary>Compiles a file that builds on nothing; null when it has errors (they are in <paramref name="diagnostics"/>).</summary>
    public static RuleSet? Compile(DocMapping root, SourceText source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Compile(new ComposedRuleSet(RuleDocument.From(root)!, root, [], null, []), diagnostics, CompileOptions.Default);
    }

    /// <summary>Compiles a composed rule set; null when it has errors (they are in <paramref name="diagnostics"/>).</summary>
    public static RuleSet? Compile(ComposedRuleSet composed, DiagnosticBag diagnostics) => Compile(composed, diagnostics, CompileOptions.Default);

    /// <summary>Compiles with the expression passes chosen by <paramref name="options"/>.</summary>
    internal static RuleSet? Compile(ComposedRuleSet composed, DiagnosticBag diagnostics, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(composed);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var local = new DiagnosticBag();
        var ruleSet = new RuleSetCompiler(composed, local, options).Build(composed.Document);
        diagnostics.AddRange(local.ToSortedArray());
        return local.HasErrors ? null : ruleSet;
    }

    private RuleSet Build(DocMapping root)
    {
        _tables = ReadTables(root);
        var dataTables = ReadDataTables(root);
        var id = Str(root, "ruleSet") ?? string.Empty;
        var version = Str(root, "version") ?? string.Empty;
        ReadConstants(id, version, root);
        ReadDefinitions(root);
        var sources = ReadSources(root);
        var codes = ReadCodes(root);
        var (regions, levels, nerves) = ReadVocabulary(root);
        var wholeJoint = ReadWholeJoint(root, levels);
        var laterality = root["laterality"] is DocMapping lat
            ? new Laterality(Str(lat, "left"), Str(lat, "right"), Str(lat, "bilateral"))
            : new Laterality(null, null, null);
        var families = ReadFamilies(root, codes, regions, levels);
        var checks = ReadChecks(root, sources, codes);
        CheckVocabularyForScopes(root, checks, levels);
        var extraLines = ReadExtraLines(root, codes);
        CheckUnusedDefinitions();
        CheckTotalCost(root);
        var period = ReadPeriod(root);
        return new RuleSet(
            id,
            version,
            Str(root, "kind") ?? "coding",
            Text(root, "title") ?? id,
            Text(root, "summary") ?? string.Empty,
            period,
            Strings(root["handles"]),
            sources,
            codes,
            levels,
            laterality,
            families,
            checks,
            ContentHash.WithDataFiles(
                _composed.IsFlat ? ContentHash.Of(root) : ContentHash.Of(root, _composed.Parameters.Select(p => (p.Name, p.Value!)), _composed.Bases),
                dataTables.Select(d => (d.Name, d.Sha256))),
            root.Span.Location)
        {
            Extends = _composed.Extends,
            Bases = _composed.Bases,
            Definitions = [.. _definitions.Values],
            Reads = Reads(),
            ItemLocations = ItemLocations(root),
            Parameters = [.. _composed.Parameters.Select(p => new RuleSetParameter(p.Name, _parameters[p.Name].Type, _parameters[p.Name].Value, (p.SetAt ?? p.Value ?? p.Declared).Span.Location))],
            SlotCount = Math.Max(_slotCount, FactSchemas.LineScope.SlotCount),
            Payers = Strings(root["payers"]),
            Nerves = nerves,
            WholeJointLevel = wholeJoint,
            CombineEntries = ReadCombineEntries(root),
            SeparateSidesWhen = (root["laterality"] as DocMapping)?["separateSidesWhen"] is DocScalar separate
                ? CompileExpression(separate, Environment(FactSchemas.ProcedureScope), ExprType.Boolean)
                : null,
            Tables = _tables,
            DataTables = dataTables,
            UsesRegionGroups = root["useRegionGroups"] is DocScalar { Value: "true" },
            ExtraLines = extraLines,
            DeclaredUntil = period.Until,
            Spans = new RuleSetSpans(
                root["ruleSet"]?.Span,
                root["version"]?.Span,
                root["kind"]?.Span,
                (root["effective"] as DocMapping)?["from"]?.Span,
                (root["effective"] as DocMapping)?["until"]?.Span)
            {
                Title = root["title"]?.Span,
                Summary = root["summary"]?.Span,
                CombineEntries = root["combineEntries"]?.Span,
                UseRegionGroups = root["useRegionGroups"]?.Span,
            },
        };
    }

    private EffectivePeriod ReadPeriod(DocMapping root)
    {
        if (root["effective"] is not DocMapping eff)
        {
            return new EffectivePeriod(DateOnly.MinValue, null);
        }

        var from = ReadDate(eff["from"]) ?? DateOnly.MinValue;
        var until = ReadDate(eff["until"]);
        if (until is { } u && u < from)
        {
            Report(DiagnosticDescriptors.CR4007_InvalidPeriod, eff["until"]!.Span, Iso(from), Iso(u));
        }

        return new EffectivePeriod(from, until);
    }

    private DateOnly? ReadDate(DocNode? node)
    {
        if (node is not DocScalar s)
        {
            return null;
        }

        if (DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        Report(DiagnosticDescriptors.CR4008_InvalidDate, s.Span, s.Value);
        return null;
    }

    private FrozenDictionary<string, SourceReference> ReadSources(DocMapping root)
    {
        var result = new Dictionary<string, SourceReference>(StringComparer.Ordinal);
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in Mappings(root["sources"]))
        {
            if (Str(item, "id") is not { } id)
            {
                continue;
            }

            if (Unique("Source", id, item["id"]!, first))
            {
                result[id] = new SourceReference(id, Text(item, "title") ?? id, Text(item, "url"));
            }
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private FrozenDictionary<string, CodeDefinition> ReadCodes(DocMapping root)
    {
        var result = new Dictionary<string, CodeDefinition>(StringComparer.Ordinal);
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in Mappings(root["codes"]))
        {
            if (Str(item, "code") is not { } code)
            {
                continue;
            }

            if (Unique("Code", code, item["code"]!, first))
            {
                result[code] = new CodeDefinition(code, Str(item, "description") ?? string.Empty, Str(item, "addOn") is { } a && YamlCoreSchema.IsTrue(a));
            }
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private (HashSet<string> Regions, FrozenDictionary<string, Level> Levels, FrozenDictionary<string, Level> Nerves) ReadVocabulary(DocMapping root)
    {
        var regions = new HashSet<string>(StringComparer.Ordinal);
        var levels = new Dictionary<string, Level>(StringComparer.Ordinal);
        var nerves = new Dictionary<string, Level>(StringComparer.Ordinal);
        if (root["vocabulary"] is not DocMapping vocabulary)
        {
            return (regions, levels.ToFrozenDictionary(StringComparer.Ordinal), nerves.ToFrozenDictionary(StringComparer.Ordinal));
        }

        var firstRegion = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in Mappings(vocabulary["regions"]))
        {
            if (Str(item, "id") is { } id && Unique("Region", id, item["id"]!, firstRegion))
            {
                regions.Add(id);
            }
        }

        var groupOf = ReadRegionGroups(root, vocabulary, regions);
        var firstNerve = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in Mappings(vocabulary["nerves"]))
        {
            if (Str(item, "id") is not { } id)
            {
                continue;
            }

            var normal = Encounters.NerveName.Normalize(id);
            if (normal != id)
            {
                Report(DiagnosticDescriptors.CR4013_InvalidLevelName, item["id"]!.Span, id, normal);
            }

            var region = Str(item, "region");
            if (region is not null && !regions.Contains(region))
            {
                Report(DiagnosticDescriptors.CR4004_UnknownRegion, item["region"]!.Span, region);
            }

            if (Unique("Nerve", id, item["id"]!, firstNerve) && region is not null)
            {
                nerves[id] = new Level(id, Grouped(region, item["region"]!, groupOf, regions), nerves.Count) { VocabularyRegion = region };
            }
        }

        var firstLevel = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in Mappings(vocabulary["levels"]))
        {
            if (Str(item, "id") is not { } id)
            {
                continue;
            }

            var normal = Encounters.LevelName.Normalize(id);
            if (normal != id)
            {
                Report(DiagnosticDescriptors.CR4013_InvalidLevelName, item["id"]!.Span, id, normal);
            }

            var region = Str(item, "region");
            if (region is not null && !regions.Contains(region))
            {
                Report(DiagnosticDescriptors.CR4004_UnknownRegion, item["region"]!.Span, region);
            }

            foreach (var nerve in Scalars(item["nerves"]).Where(n => !nerves.ContainsKey(n.Value)))
            {
                Report(DiagnosticDescriptors.CR4021_UnknownNerve, nerve.Span, nerve.Value);
            }

            if (Unique("Level", id, item["id"]!, firstLevel) && region is not null)
            {
                levels[id] = new Level(id, Grouped(region, item["region"]!, groupOf, regions), levels.Count) { Supply = Strings(item["nerves"]), VocabularyRegion = region };
            }
        }

        // With region groups the groups are this rule set's regions: families list them, joints carry them.
        HashSet<string> counted = groupOf is null ? regions : [.. groupOf.Values];
        return (counted, levels.ToFrozenDictionary(StringComparer.Ordinal), nerves.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// The region groups, checked (members declared, each region in one group); when the rule set uses them, the
    /// group of each region, otherwise null.
    /// </summary>
    private Dictionary<string, string>? ReadRegionGroups(DocMapping root, DocMapping vocabulary, HashSet<string> regions)
    {
        var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var firstGroup = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in Mappings(vocabulary["regionGroups"]))
        {
            if (Str(item, "id") is not { } id || !Unique("Region group", id, item["id"]!, firstGroup))
            {
                continue;
            }

            foreach (var member in Scalars(item["regions"]))
            {
                if (!regions.Contains(member.Value))
                {
                    Report(DiagnosticDescriptors.CR4004_UnknownRegion, member.Span, member.Value);
                }
                else if (groupOf.TryGetValue(member.Value, out var other))
                {
                    Report(DiagnosticDescriptors.CR4039_RegionInTwoGroups, member.Span, member.Value, other, id);
                }
                else
                {
                    groupOf[member.Value] = id;
                }
            }
        }

        return root["useRegionGroups"] is DocScalar { Value: "true" } ? groupOf : null;
    }

    /// <summary>The region a level or nerve counts in: its group when the rule set uses groups (CR4040 when it has none).</summary>
    private string Grouped(string region, DocNode at, Dictionary<string, string>? groupOf, HashSet<string> regions)
    {
        if (groupOf is null || !regions.Contains(region))
        {
            return region; // an undeclared region is CR4004 already
        }

        if (groupOf.TryGetValue(region, out var group))
        {
            return group;
        }

        Report(DiagnosticDescriptors.CR4040_RegionWithoutGroup, at.Span, region);
        groupOf[region] = region; // reported once; counted as a group of its own from here on
        return region;
    }

    private ImmutableArray<CodeFamily> ReadFamilies(
        DocMapping root, FrozenDictionary<string, CodeDefinition> codes, HashSet<string> regions, FrozenDictionary<string, Level> levels)
    {
        var families = ImmutableArray.CreateBuilder<CodeFamily>();
        var byRegion = new Dictionary<string, CodeFamily>(StringComparer.Ordinal);
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in Mappings(root["families"]))
        {
            if (Str(item, "id") is not { } id || !Unique("Family", id, item["id"]!, first))
            {
                continue;
            }

            var ladder = ImmutableArray.CreateBuilder<LadderStep>();
            foreach (var step in Mappings(item["ladder"]))
            {
                var code = Str(step, "code");
                if (code is null)
                {
                    continue;
                }

                if (!codes.ContainsKey(code))
                {
                    Report(DiagnosticDescriptors.CR4002_UndeclaredCode, step["code"]!.Span, code);
                }

                var from = Int(step, "from") ?? 1;
                var to = Int(step, "to");
                if (from < 1 || to < from)
                {
                    Report(DiagnosticDescriptors.CR4006_LadderRange, step.Span, code, "'to' must not be below 'from', and positions start at 1");
                }

                var units = Str(step, "units") == "once" ? UnitMode.Once : UnitMode.PerJoint;
                ladder.Add(new LadderStep(code, from, to, units));
            }

            var when = item["when"] is DocScalar w ? CompileExpression(w, Environment(FactSchemas.ProcedureScope), ExprType.Boolean) : null;
            var family = new CodeFamily(id, Str(item, "title") ?? id, Strings(item["regions"]), ladder.ToImmutable())
            {
                When = when,
                Counts = Str(item, "counts") == "nerves" ? TargetKind.Nerves : TargetKind.Joints,
            };
            families.Add(family);
            foreach (var regionNode in Scalars(item["regions"]))
            {
                var region = regionNode.Value;
                if (!regions.Contains(region))
                {
                    Report(DiagnosticDescriptors.CR4004_UnknownRegion, regionNode.Span, region);
                }
                else if (byRegion.TryGetValue(region, out var other))
                {
                    // Note: a conditional family may share a region with a later one (e.g. ultrasound-guided codes
                    // before the default family); two families for a region where the first has no condition
                    // would leave the second unreachable.
                    if (other.When is null)
                    {
                        Report(DiagnosticDescriptors.CR4005_RegionInTwoFamilies, regionNode.Span, region, other.Id, id);
                    }
                    else if (family.When is null)
                    {
                        byRegion[region] = family;
                    }
                }
                else
                {
                    byRegion[region] = family;
                }
            }
        }

        if (families.Count > 0)
        {
            foreach (var region in levels.Values.Select(l => l.Region).Distinct(StringComparer.Ordinal).Where(r => regions.Contains(r) && !byRegion.ContainsKey(r)).Order(StringComparer.Ordinal))
            {
                Report(DiagnosticDescriptors.CR4009_RegionWithoutFamily, root["families"]!.Span, region);
            }
        }

        return families.ToImmutable();
    }

    /// <summary>Reads <c>tables: { name: { key: number } }</c>; keys are text, values numbers.</summary>
    private static System.Collections.Immutable.ImmutableDictionary<string, IReadOnlyDictionary<string, Language.Value>> ReadTables(DocMapping root)
    {
        var tables = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, IReadOnlyDictionary<string, Language.Value>>(StringComparer.Ordinal);
        if (root["tables"] is not DocMapping all)
        {
            return tables.ToImmutable();
        }

        foreach (var entry in all.Entries)
        {
            if (entry.Value is DocMapping { } spec && spec["layout"] is DocScalar)
            {
                continue; // a data table, read from its file (RuleSetCompiler.Tables.cs)
            }

            var rows = new Dictionary<string, Language.Value>(StringComparer.Ordinal);
            foreach (var row in entry.Value is DocMapping m ? m.Entries : [])
            {
                if (row.Value is DocScalar s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    rows[row.Key.Value] = Language.Value.FromNumber(number);
                }
            }

            tables[entry.Key.Value] = rows.ToFrozenDictionary(StringComparer.Ordinal);
        }

        return tables.ToImmutable();
    }

    /// <summary>
    /// A policy's session and joint checks read the joints its own vocabulary resolves; without levels there are
    /// none, and such a check never fires (CR4046, a warning, once per check).
    /// </summary>
    private void CheckVocabularyForScopes(DocMapping root, ImmutableArray<Check> checks, FrozenDictionary<string, Level> levels)
    {
        if (Str(root, "kind") != "policy" || levels.Count > 0)
        {
            return;
        }

        foreach (var item in Mappings(root["checks"]))
        {
            if (Str(item, "scope") is "session" or "joint" && Str(item, "id") is { } id && checks.Any(c => c.Id == id))
            {
                Report(DiagnosticDescriptors.CR4046_ChecksWithoutVocabulary, item["scope"]!.Span, id, Str(item, "scope"));
            }
        }
    }

    private bool ReadCombineEntries(DocMapping root)
    {
        if (root["combineEntries"] is not DocScalar { Value: "true" } combine)
        {
            return false;
        }

        if ((Str(root, "kind") ?? "coding") != "coding")
        {
            Report(DiagnosticDescriptors.CR4041_PropertyNotForKind, combine.Span, "combineEntries", "coding");
        }

        return true;
    }

    private string? ReadWholeJoint(DocMapping root, FrozenDictionary<string, Level> levels)
    {
        if (root["wholeJoint"] is not DocMapping whole || Str(whole, "level") is not { } level)
        {
            return null;
        }

        if (!levels.ContainsKey(level))
        {
            Report(DiagnosticDescriptors.CR4022_UnknownLevel, whole["level"]!.Span, level);
        }

        return level;
    }

    private ImmutableArray<ExtraLine> ReadExtraLines(DocMapping root, FrozenDictionary<string, CodeDefinition> codes)
    {
        var result = ImmutableArray.CreateBuilder<ExtraLine>();
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in Mappings(root["extraLines"]))
        {
            var id = Str(item, "id");
            var code = Str(item, "code");
            if (code is not null && !codes.ContainsKey(code))
            {
                Report(DiagnosticDescriptors.CR4002_UndeclaredCode, item["code"]!.Span, code);
            }

            var when = item["when"] is DocScalar w ? CompileExpression(w, Environment(FactSchemas.ProcedureScope), ExprType.Boolean) : null;
            if (id is not null && Unique("Extra line", id, item["id"]!, first) && code is not null && when is not null)
            {
                result.Add(new ExtraLine(id, when, code, Int(item, "units") ?? 1, item.Span.Location));
            }
        }

        return result.ToImmutable();
    }

    private static FindingSeverity Severity(string? text) => text switch
    {
        "error" => FindingSeverity.Error,
        "warning" => FindingSeverity.Warning,
        _ => FindingSeverity.Info,
    };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
