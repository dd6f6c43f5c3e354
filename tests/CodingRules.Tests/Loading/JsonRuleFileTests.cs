using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Text;

namespace CodingRules.Tests.Loading;

/// <summary>The same rule document written as JSON loads to the same compiled rule set.</summary>
public sealed class JsonRuleFileTests
{

    [Fact]
    public void TheShippedRuleSetWrittenAsJsonHasTheSameContentHash()
    {
        var yamlText = ShippedRules.Flat("cpt-facet-joint-destruction", "2012-01");
        var yamlBag = new DiagnosticBag();
        var fromYaml = Assert.IsType<RuleSet>(RuleFileLoader.LoadText(SourceText.From("rule.yaml", yamlText), yamlBag));

        var root = YamlDocumentReader.Read(SourceText.From("rule.yaml", yamlText), new DiagnosticBag())!;
        var json = SchemaValidator.ToJson(root).ToString(Newtonsoft.Json.Formatting.Indented);
        var jsonBag = new DiagnosticBag();
        var fromJson = Assert.IsType<RuleSet>(RuleFileLoader.LoadText(SourceText.From("rule.json", json), jsonBag));

        Assert.Empty(jsonBag.ToSortedArray());
        Assert.Equal(fromYaml.Sha256, fromJson.Sha256);
        Assert.Equal(fromYaml.Checks.Select(c => c.Id), fromJson.Checks.Select(c => c.Id));
        Assert.Equal(fromYaml.Levels.Count, fromJson.Levels.Count);
    }

    [Fact]
    public void TheDocumentedSchemaPropertyChangesNoHash()
    {
        var yamlText = ShippedRules.Flat("cpt-facet-joint-destruction", "2012-01");
        var root = YamlDocumentReader.Read(SourceText.From("rule.yaml", yamlText), new DiagnosticBag())!;
        var json = (Newtonsoft.Json.Linq.JObject)SchemaValidator.ToJson(root);
        var plain = Assert.IsType<RuleSet>(RuleFileLoader.LoadText(SourceText.From("rule.json", json.ToString()), new DiagnosticBag()));
        json.AddFirst(new Newtonsoft.Json.Linq.JProperty("$schema", "../../schemas/ruleset.schema.json"));
        var bag = new DiagnosticBag();

        var named = Assert.IsType<RuleSet>(RuleFileLoader.LoadText(SourceText.From("rule.json", json.ToString()), bag));

        Assert.Empty(bag.ToSortedArray());
        Assert.Equal(plain.Sha256, named.Sha256);
    }

    [Fact]
    public void AnExpressionErrorInAJsonRuleFileIsLocatedInsideTheJsonString()
    {
        const string json = """
            {
              "ruleSet": "demo", "version": "1", "kind": "coding", "summary": "s",
              "effective": { "from": "2020-01-01" }, "handles": ["demo-kind"],
              "checks": [
                { "id": "c", "finding": "E-X", "severity": "error", "category": "coding",
                  "when": "procedure.nosuchfield == 1", "message": "m" }
              ]
            }
            """;
        var bag = new DiagnosticBag();
        Assert.Null(RuleFileLoader.LoadText(SourceText.From("demo.json", json), bag));
        var diagnostic = Assert.Single(bag.ToSortedArray(), d => d.Id == "CR3002");
        Assert.Equal(6, diagnostic.Location.Line);
        Assert.Equal(26, diagnostic.Location.Column);
    }
}
