using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Text;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace CodingRules.Tests.Schemas;

/// <summary>
/// The schemas under schemas/ name each other the way a standard validator resolves them: one <c>$id</c> base, every
/// reference to another schema resolving, against the referring schema's <c>$id</c>, to a schema of the folder; and a
/// shipped test file validates against the tests schema with its encounters checked by the encounter schema.
/// </summary>
public sealed class SchemaIdTests
{
    private static string Folder => Path.Combine(RepositoryRoot.Path, "schemas");

    private static IEnumerable<(string File, JObject Schema)> All() =>
        Directory.EnumerateFiles(Folder, "*.schema.json").Order(StringComparer.Ordinal).Select(f => (f, JObject.Parse(File.ReadAllText(f))));

    [Fact]
    public void EverySchemaHasAnIdOnOneBaseNamedAfterItsFile()
    {
        foreach (var (file, schema) in All())
        {
            Assert.Equal($"https://codingrules.dev/schemas/{Path.GetFileName(file)}", (string?)schema["$id"]);
        }
    }

    [Fact]
    public void EveryReferenceToAnotherSchemaResolvesToTheIdOfOne()
    {
        var ids = All().Select(s => (string)s.Schema["$id"]!).ToHashSet(StringComparer.Ordinal);
        var references = 0;
        foreach (var (file, schema) in All())
        {
            var @base = new Uri((string)schema["$id"]!);
            foreach (var reference in schema.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref").Select(p => (string)p.Value!))
            {
                if (reference.StartsWith('#'))
                {
                    continue;
                }

                references++;
                var target = new Uri(@base, reference);
                Assert.True(ids.Contains(target.GetLeftPart(UriPartial.Path)), $"{Path.GetFileName(file)}: '{reference}' resolves to {target}, which no schema is");
            }
        }

        Assert.True(references > 0, "the tests schema refers to the encounter schema");
    }

    [Fact]
    public async Task AShippedTestFileValidatesWithItsEncountersCheckedByTheEncounterSchema()
    {
        var tests = await JsonSchema.FromFileAsync(Path.Combine(Folder, "ruleset-tests.schema.json"));
        var file = Path.Combine(RepositoryRoot.Path, "rules", "cpt-sacroiliac-joint-destruction", "2020-01.tests.yaml");
        var root = YamlDocumentReader.Read(SourceText.From(file, File.ReadAllText(file)), new DiagnosticBag())!;
        var json = SchemaValidator.ToJson(root);

        Assert.Empty(tests.Validate(json));
        // An encounter field the contract does not know fails through the referenced encounter schema.
        var first = (JObject)json["cases"]![0]!["encounter"]!;
        first["color"] = "blue";
        Assert.NotEmpty(tests.Validate(json));
    }
}
