using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Tests.Diff;
using CodingRules.Text;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace CodingRules.Tests.Schemas;

/// <summary>
/// The published schemas are as strict as the loader wherever JSON Schema can say it: every shipped rule and test file
/// passes both; every mutation below, each a mistake the loader rejects, is rejected by a standard validator reading
/// the published schema too (what only composition can know, an inherited kind or payer, is said for files that build
/// on nothing). What JSON Schema cannot say (an undeclared source, a region in two families) is the loader's alone.
/// </summary>
public sealed class SchemaStrictnessTests
{
    private const string Coding = "cpt-sacroiliac-joint-destruction/2020-01.yaml";
    private const string CodingTests = "cpt-sacroiliac-joint-destruction/2020-01.tests.yaml";
    private const string Policy = "evicore-facet-joint-rfa/2012-01.yaml";

    private static readonly Lazy<JsonSchema> Rules = new(() => JsonSchema.FromFileAsync(Path.Combine(RepositoryRoot.Path, "schemas", "ruleset.schema.json")).GetAwaiter().GetResult());
    private static readonly Lazy<JsonSchema> Tests = new(() => JsonSchema.FromFileAsync(Path.Combine(RepositoryRoot.Path, "schemas", "ruleset-tests.schema.json")).GetAwaiter().GetResult());

    public static TheoryData<string, string, string, string> Mutations => new()
    {
        { "a coding rule set without handles", Coding, "handles: [sacroiliac-joint-destruction]\n", string.Empty },
        { "a rule set without its version", Coding, "version: \"2020-01\"\n", string.Empty },
        { "a rule set without a summary", Coding, "summary: >\n", "note: >\n" },
        { "a rule set without an effective period", Coding, "effective:\n  from: \"2020-01-01\"\n", string.Empty },
        { "a date that is not in the calendar", Coding, "from: \"2020-01-01\"", "from: \"2020-02-30\"" },
        { "an unknown kind", Coding, "kind: coding", "kind: codeing" },
        { "an unknown top-level key", Coding, "kind: coding\n", "kind: coding\nhandle: [x]\n" },
        { "an unquoted code", Coding, "code: \"64999\"", "code: 64999" },
        { "a check severity not in the list", Coding, "severity: error", "severity: fatal" },
        { "a policy without payers", Policy, "payers: [evicore]\n", string.Empty },
        { "a policy without handles", Policy, "handles: [facet-joint-destruction, facet-joint-injection]\n", string.Empty },
        { "a test case without a name", CodingTests, "  - name: Right sacroiliac joint - 64625-RT one unit\n", "  - description: no name\n" },
        { "a test encounter with an unknown field", CodingTests, "side: right", "side: right, color: blue" },
    };

    private static JToken Json(string path, string text) =>
        SchemaValidator.ToJson(YamlDocumentReader.Read(SourceText.From(path, text), new DiagnosticBag())!);

    [Fact]
    public void EveryShippedFilePassesThePublishedSchema()
    {
        var files = Directory.EnumerateFiles(ShippedRules.Folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 50);
        foreach (var file in files)
        {
            var schema = file.EndsWith(".tests.yaml", StringComparison.Ordinal) ? Tests.Value : Rules.Value;
            var errors = schema.Validate(Json(file, File.ReadAllText(file)));
            Assert.True(errors.Count == 0, $"{file}: {string.Join("; ", errors)}");
        }
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void AMistakeTheLoaderRejectsTheSchemaRejectsToo(string what, string file, string find, string replace)
    {
        using var folder = new TempFolder();
        foreach (var shipped in Directory.EnumerateFiles(ShippedRules.Folder, "*", SearchOption.AllDirectories))
        {
            folder.Write(Path.GetRelativePath(ShippedRules.Folder, shipped), File.ReadAllText(shipped));
        }

        var path = Path.Combine(folder.Path, file);
        var text = File.ReadAllText(path);
        Assert.True(text.Contains(find, StringComparison.Ordinal), $"{what}: '{find}' is in {file}");
        var mutated = text.Replace(find, replace, StringComparison.Ordinal);
        File.WriteAllText(path, mutated);

        var (_, diagnostics) = RuleCatalog.Load([folder.Path]);
        var schema = file.EndsWith(".tests.yaml", StringComparison.Ordinal) ? Tests.Value : Rules.Value;
        var schemaErrors = schema.Validate(Json(path, mutated));

        Assert.True(diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && Path.GetFullPath(d.Location.Path) == Path.GetFullPath(path)), $"{what}: the loader rejects it");
        Assert.True(schemaErrors.Count > 0, $"{what}: the published schema accepts what the loader rejects");
    }
}
