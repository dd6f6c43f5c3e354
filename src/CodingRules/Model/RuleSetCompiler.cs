using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Diagnostics;
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

    private RuleSetCompiler(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
    }

    /// <summary>Compiles; returns null when the document has errors (they are in <paramref name="diagnostics"/>).</summary>
    public static RuleSet? Compile(DocMapping root, SourceText source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var local = new DiagnosticBag();
        var ruleSet = new RuleSetCompiler(source, local).Build(root);
        diagnostics.AddRange(local.ToSortedArray());
        return local.HasErrors ? null : ruleSet;
    }

    private RuleSet Build(DocMapping root)
    {
        var id = Str(root, "ruleSet") ?? string.Empty;
        var version = Str(root, "version") ?? string.Empty;
        var sources = ReadSources(root);
        var codes = ReadCodes(root);
        var (regions, levels) = ReadVocabulary(root);
        var laterality = root["laterality"] is DocMapping lat
            ? new Laterality(Str(lat, "left"), Str(lat, "right"), Str(lat, "bilateral"))
            : new Laterality(null, null, null);
        var (families, familyByRegion) = ReadFamilies(root, codes, regions, levels);
        var checks = ReadChecks(root, sources, codes);
        if (Str(root, "kind") == "coding" && root["handles"] is null)
        {
            // Note: the schema cannot say "required when kind is coding" without vague anyOf messages; said here.
            Report(DiagnosticDescriptors.CR1003_MissingProperty, root.Span, "handles");
        }

        return new RuleSet(
            id,
            version,
            Str(root, "kind") ?? "coding",
            Str(root, "title") ?? id,
            Str(root, "summary") ?? string.Empty,
            ReadPeriod(root),
            Strings(root["handles"]),
            sources,
            codes,
            levels,
            laterality,
            families,
            familyByRegion,
            checks,
            ContentHash.Of(root),
            root.Span.Location)
        {
            SlotCount = Math.Max(_slotCount, FactSchemas.JointScope.SlotCount),
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
                result[id] = new SourceReference(id, Str(item, "title") ?? id, Str(item, "url"));
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

    private (HashSet<string> Regions, FrozenDictionary<string, Level> Levels) ReadVocabulary(DocMapping root)
    {
        var regions = new HashSet<string>(StringComparer.Ordinal);
        var levels = new Dictionary<string, Level>(StringComparer.Ordinal);
        if (root["vocabulary"] is not DocMapping vocabulary)
        {
            return (regions, levels.ToFrozenDictionary(StringComparer.Ordinal));
        }

        var firstRegion = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in Mappings(vocabulary["regions"]))
        {
            if (Str(item, "id") is { } id && Unique("Region", id, item["id"]!, firstRegion))
            {
                regions.Add(id);
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

            if (Unique("Level", id, item["id"]!, firstLevel) && region is not null)
            {
                levels[id] = new Level(id, region, levels.Count);
            }
        }

        return (regions, levels.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private (ImmutableArray<CodeFamily>, FrozenDictionary<string, CodeFamily>) ReadFamilies(
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

            var family = new CodeFamily(id, Str(item, "title") ?? id, Strings(item["regions"]), ladder.ToImmutable());
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
                    Report(DiagnosticDescriptors.CR4005_RegionInTwoFamilies, regionNode.Span, region, other.Id, id);
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

        return (families.ToImmutable(), byRegion.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static FindingSeverity Severity(string? text) => text switch
    {
        "error" => FindingSeverity.Error,
        "warning" => FindingSeverity.Warning,
        _ => FindingSeverity.Info,
    };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
