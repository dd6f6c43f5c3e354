using System.Collections.Immutable;
using System.Text;
using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CodingRules.Testing;

/// <summary>A rule test file: the rule set it tests and its cases. Immutable.</summary>
public sealed record RuleTestFile(string RuleSetId, ImmutableArray<RuleTestCase> Cases, SourceLocation Location)
{
    /// <summary>Reads a test document (already schema-checked); malformed cases are skipped (the schema reported them).</summary>
    internal static RuleTestFile? Read(DocMapping root, DiagnosticBag diagnostics)
    {
        if (root["tests"] is not DocScalar ruleSet)
        {
            return null;
        }

        var cases = ImmutableArray.CreateBuilder<RuleTestCase>();
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in root["cases"] is DocSequence seq ? seq.Items.OfType<DocMapping>() : [])
        {
            if (item["name"] is not DocScalar name || item["encounter"] is not DocMapping encounter)
            {
                continue;
            }

            if (names.TryGetValue(name.Value, out var first))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR4001_DuplicateId, name.Span, "Test", name.Value, $"line {first.Line}"));
                continue;
            }

            names[name.Value] = name.Span.Location;
            var json = (JObject)SchemaValidator.ToJson(encounter);
            json["id"] ??= name.Value;
            var expect = item["expect"] as DocMapping;
            cases.Add(new RuleTestCase(
                name.Value,
                Encoding.UTF8.GetBytes(json.ToString(Formatting.None)),
                expect?["lines"] is DocSequence lines ? [.. lines.Items.OfType<DocMapping>().Select(ExpectedLine.Read)] : null,
                expect?["findings"] is DocSequence findings ? [.. findings.Items.OfType<DocScalar>().Select(s => s.Value)] : null,
                expect?["errors"] is DocSequence errors ? [.. errors.Items.OfType<DocScalar>().Select(s => s.Value)] : null,
                item.Span.Location));
        }

        return new RuleTestFile(ruleSet.Value, cases.ToImmutable(), root.Span.Location);
    }
}
