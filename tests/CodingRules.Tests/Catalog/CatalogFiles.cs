using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CodingRules.Catalog;
using CodingRules.Diagnostics;

namespace CodingRules.Tests.Catalog;

/// <summary>
/// Small rule files for catalog tests, written to a temporary folder: one rule set version per file, built from a
/// minimal valid coding rule (one region, one level, one family whose ladder emits <c>code</c>).
/// </summary>
internal sealed class CatalogFiles : IDisposable
{
    public const string Kind = "demo-kind";

    public CatalogFiles() => Folder = Directory.CreateTempSubdirectory("codingrules-catalog-").FullName;

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>Line of <c>from</c> in <see cref="Rule"/> text (1-based); <c>until</c>, when written, is the next line.</summary>
    public const int FromLine = 6;

    /// <summary>Column of the <c>from</c>/<c>until</c> values ("  from: " and "  until: ").</summary>
    public const int FromColumn = 9;

    public const int UntilColumn = 10;

    public static string Rule(string id, string version, DateOnly from, DateOnly? until = null, string kind = "coding", string code = "11111") =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"ruleSet: {id}\n")
            .Append(CultureInfo.InvariantCulture, $"version: \"{version}\"\n")
            .Append(CultureInfo.InvariantCulture, $"kind: {kind}\n")
            .Append("summary: A demo rule set for catalog tests.\n")
            .Append("effective:\n")
            .Append(CultureInfo.InvariantCulture, $"  from: {Iso(from)}\n")
            .Append(until is { } u ? $"  until: {Iso(u)}\n" : string.Empty)
            .Append(CultureInfo.InvariantCulture, $"handles: [{Kind}]\n")
            .Append("codes:\n")
            .Append(CultureInfo.InvariantCulture, $"  - code: \"{code}\"\n")
            .Append("    description: The demo code\n")
            .Append("vocabulary:\n")
            .Append("  regions:\n")
            .Append("    - id: lumbar\n")
            .Append("  levels:\n")
            .Append("    - { id: L4-L5, region: lumbar }\n")
            .Append("laterality:\n")
            .Append("  left: LT\n")
            .Append("  right: RT\n")
            .Append("  bilateral: \"50\"\n")
            .Append("families:\n")
            .Append("  - id: lumbar\n")
            .Append("    regions: [lumbar]\n")
            .Append("    ladder:\n")
            .Append(CultureInfo.InvariantCulture, $"      - {{ code: \"{code}\", from: 1, units: per-joint }}\n")
            .ToString();

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> (may include a sub-folder); returns the full path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public (RuleCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics) Load() => RuleCatalog.Load([Folder]);

    /// <summary>One right L4-L5 joint of <see cref="Kind"/> on <paramref name="date"/>, as a JSON record.</summary>
    public static byte[] Encounter(DateOnly date) =>
        Encoding.UTF8.GetBytes(
            $$"""{"id":"E-CAT","dateOfService":"{{Iso(date)}}","procedures":[{"kind":"{{Kind}}","joints":[{"level":"L4-L5","side":"right"}]}]}""");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
