using System.Collections.Immutable;
using System.Text;
using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Text;
using Newtonsoft.Json.Linq;

namespace CodingRules.Testing;

/// <summary>
/// A rule test file: what it tests and its cases. <see cref="RuleSetId"/> names a rule set; with
/// <see cref="TemplateVersion"/> it names a template (<c>tests: id@version</c>), whose cases run for every rule set
/// version that extends it. Immutable.
/// </summary>
public sealed record RuleTestFile(string RuleSetId, ImmutableArray<RuleTestCase> Cases, SourceLocation Location)
{
    /// <summary>For the tests of a template: its version label; null for the tests of a rule set.</summary>
    public string? TemplateVersion { get; init; }

    /// <summary>The template tested, as <c>id@version</c>, or null.</summary>
    public string? Template => TemplateVersion is null ? null : $"{RuleSetId}@{TemplateVersion}";

    /// <summary>Reads a test document (already schema-checked); malformed cases are skipped (the schema reported them).</summary>
    internal static RuleTestFile? Read(DocMapping root, DiagnosticBag diagnostics)
    {
        if (root["tests"] is not DocScalar target)
        {
            return null;
        }

        var fixtures = new Dictionary<string, DocMapping>(StringComparer.Ordinal);
        foreach (var entry in root["fixtures"] is DocMapping f ? f.Entries : [])
        {
            if (entry.Value is DocMapping fixture)
            {
                fixtures[entry.Key.Value] = fixture;
            }
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
            var json = new JObject();
            var complete = true;
            foreach (var use in item["use"] is DocSequence uses ? uses.Items.OfType<DocScalar>() : [])
            {
                if (!fixtures.TryGetValue(use.Value, out var fixture))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR4036_UnknownFixture, use.Span, use.Value, Suggestion.DidYouMean(use.Value, fixtures.Keys)));
                    complete = false;
                    continue;
                }

                Merge(json, (JObject)SchemaValidator.ToJson(fixture));
            }

            if (!complete)
            {
                continue;
            }

            Merge(json, (JObject)SchemaValidator.ToJson(encounter));
            json["id"] ??= name.Value;
            var expect = item["expect"] as DocMapping;
            var bytes = Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None));
            // A case that does not expect encounter errors must hold a valid encounter: said at load (validate),
            // not first when the test runs. A template's payer is added per version and is never required.
            if (expect?["errors"] is null && Encounters.EncounterReader.Read(bytes) is { Errors.IsDefaultOrEmpty: false } invalid)
            {
                foreach (var error in invalid.Errors.Take(5))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR4011_TestInvalidEncounter, item["encounter"]!.Span, name.Value, error.Path.Length == 0 ? "/" : error.Path, $"{error.Id} {error.Message}"));
                }

                continue;
            }

            cases.Add(new RuleTestCase(
                name.Value,
                bytes,
                expect?["lines"] is DocSequence lines ? [.. lines.Items.OfType<DocMapping>().Select(ExpectedLine.Read)] : null,
                expect?["findings"] is DocSequence findings ? [.. findings.Items.OfType<DocScalar>().Select(s => s.Value)] : null,
                expect?["errors"] is DocSequence errors ? [.. errors.Items.OfType<DocScalar>().Select(s => s.Value)] : null,
                item.Span.Location));
        }

        var at = target.Value.IndexOf('@', StringComparison.Ordinal);
        return new RuleTestFile(at < 0 ? target.Value : target.Value[..at], cases.ToImmutable(), root.Span.Location)
        {
            TemplateVersion = at < 0 ? null : target.Value[(at + 1)..],
        };
    }

    /// <summary>Fields of <paramref name="part"/> into <paramref name="encounter"/>: lists joined, other values replaced.</summary>
    private static void Merge(JObject encounter, JObject part)
    {
        foreach (var (key, value) in part)
        {
            if (value is JArray items && encounter[key] is JArray existing)
            {
                foreach (var item in items)
                {
                    existing.Add(item.DeepClone());
                }
            }
            else
            {
                encounter[key] = value?.DeepClone();
            }
        }
    }
}
