using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Testing;
using CodingRules.Text;

namespace CodingRules.Catalog;

/// <summary>Loads one rule or test file through the stages: read, YAML, schema, compile.</summary>
internal static class RuleFileLoader
{
    /// <summary>Loads a rule set or a test file; null when it has errors (reported in <paramref name="bag"/>).</summary>
    public static object? LoadFile(string path, DiagnosticBag bag, CompileOptions? options = null) =>
        RuleFileReader.Read(path, bag) is { } source ? LoadText(source, bag, options) : null;

    /// <summary>Loads from text already in memory (tests and hosts that hold rules elsewhere use this too).</summary>
    public static object? LoadText(SourceText source, DiagnosticBag bag, CompileOptions? options = null)
    {
        var local = new DiagnosticBag();
        var root = YamlDocumentReader.Read(source, local);
        if (root is null)
        {
            bag.AddRange(local.ToSortedArray());
            return null;
        }

        object? result = null;
        if (root is DocMapping map && map["tests"] is not null && map["ruleSet"] is null)
        {
            SchemaValidator.RuleSetTests.Validate(root, local);
            result = RuleTestFile.Read(map, local);
        }
        else if (root is DocMapping ruleMap && ruleMap["ruleSet"] is not null)
        {
            SchemaValidator.RuleSet.Validate(root, local);
            KindRequirements.Check(ruleMap, local);
            result = RuleSetCompiler.Compile(ruleMap, source, local, options ?? CompileOptions.Default);
        }
        else
        {
            local.Add(Diagnostic.Create(DiagnosticDescriptors.CR4014_ReservedName, root.Span));
        }

        bag.AddRange(local.ToSortedArray());
        return local.HasErrors ? null : result;
    }
}
