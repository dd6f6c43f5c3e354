using System.Security.Cryptography;
using System.Text;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newtonsoft.Json.Linq;

namespace CodingRules.Tests.Model;

/// <summary>
/// The content hash was first defined by Json.NET's unindented JSON of the canonical document; it is now written
/// without Json.NET (which cost a tenth of compiling the rules). These tests keep that first definition as the oracle:
/// every shipped file and composed rule set, and generated documents full of what JSON escapes and what YAML types,
/// hash as they did, so hashes recorded by earlier builds (audit records, lock files) stay valid.
/// </summary>
public sealed class ContentHashTests
{
    private const string Awkward = "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u0085\u00a0\u2028\u2029\ud800\udc00é🦴'<>&` :#-";

    private static readonly string[] Scalars =
    [
        "", "~", "null", "Null", "true", "FALSE", "0", "-0", "+7", "007", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "1.5", "-0.0", ".5", "5.", "1e3", "1E+20", "2.5e-7", "1e400", "-1e400", "0.1", "123456789012345678901234",
        "64635", "L4-L5", "a\"b", "tab\there", "line\nbreak", "\u0001", "\u2028", "\ud800", "{x}", "$schema",
    ];

    private static Gen<DocNode> Nodes(int depth)
    {
        var scalar =
            from value in Gen.OneOf(Gen.Elements(Scalars), Gen.ArrayOf(Gen.Elements(Awkward.ToCharArray())).Select(c => new string(c)))
            from plain in Gen.Elements(true, false)
            select (DocNode)new DocScalar(value, plain, false, default);
        if (depth == 0)
        {
            return scalar;
        }

        var key = Gen.OneOf(Gen.Elements("a", "b", "B", "_", "é", "$schema", "id", "aa", "a\u0000", "\u2029", "\"", ""), Gen.Elements(Scalars));
        var mapping =
            from keys in Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(key, n))
            from values in Gen.ArrayOf(Nodes(depth - 1), keys.Length)
            select (DocNode)new DocMapping(
                [.. keys.Distinct(StringComparer.Ordinal).Select((k, i) => new DocEntry(new DocScalar(k, true, false, default), values[i]))], default);
        var sequence =
            from n in Gen.Choose(0, 4)
            from items in Gen.ArrayOf(Nodes(depth - 1), n)
            select (DocNode)new DocSequence([.. items], default);
        return Gen.OneOf(scalar, mapping, sequence);
    }

    [Property(MaxTest = 500)]
    public Property TheHashOfAnyDocumentIsJsonNetsCanonicalHash() =>
        Prop.ForAll(Arb.From(Nodes(3)), node => ContentHash.Of(node) == OracleOf(node));

    [Property(MaxTest = 300)]
    public Property TheHashOfAnyComposedDocumentIsJsonNetsCanonicalHash() =>
        Prop.ForAll(
            Arb.From(Nodes(3)),
            Arb.From(Gen.ArrayOf(Gen.Elements("b", "a", "é", "x\ny"))),
            (node, names) =>
            {
                var parameters = names.Distinct(StringComparer.Ordinal).Select((n, i) => (n, (DocNode)new DocScalar(i % 2 == 0 ? "64636" : n, i % 2 == 0, false, default))).ToList();
                string[] bases = [.. names.Reverse()];
                return ContentHash.Of(node, parameters, bases) == OracleOf(node, parameters, bases);
            });

    [Fact]
    public void EveryShippedFileAndComposedRuleSetHashesAsJsonNetDid()
    {
        var files = RuleFileReader.FindFiles([Path.Combine(RepositoryRoot.Path, "rules")], new DiagnosticBag()).ToList();
        Assert.True(files.Count > 50);
        foreach (var path in files)
        {
            var root = YamlDocumentReader.Read(SourceText.From(path, File.ReadAllText(path)), new DiagnosticBag());
            Assert.NotNull(root);
            Assert.Equal(OracleOf(root), ContentHash.Of(root));
        }

        var (catalog, _) = RuleCatalog.Load([Path.Combine(RepositoryRoot.Path, "rules")], includeTests: false);
        Assert.True(catalog.Composed.Length > 30);
        foreach (var c in catalog.Composed)
        {
            var parameters = c.Parameters.Select(p => (p.Name, p.Value!)).ToList();
            Assert.Equal(OracleOf(c.Document, parameters, c.Bases), ContentHash.Of(c.Document, parameters, c.Bases));
        }
    }

    [Fact]
    public void AFileWhoseHashIsRecordedKeepsIt()
    {
        // The canonical text of a document with what JSON escapes and what YAML types: as Json.NET wrote it.
        const string Text = "ruleSet: x\nversion: '1'\nlevels: [1, 2.0, 1e400, -0.0, \"a\\u2028\\\"b\", ~]\n$schema: y\n";
        var root = YamlDocumentReader.Read(SourceText.From("x.yaml", Text), new DiagnosticBag())!;
        Assert.Equal(OracleOf(root), ContentHash.Of(root));
        Assert.Equal("""{"levels":[1,2.0,"Infinity",-0.0,"a\u2028\"b",null],"ruleSet":"x","version":"1"}""", Canonical(root));
    }

    private static string OracleOf(DocNode root) => Sha(Canonicalize(WithoutSchemaReference(SchemaValidator.ToJson(root))));

    private static string OracleOf(DocNode composed, IEnumerable<(string Name, DocNode Value)> parameters, IEnumerable<string> bases) =>
        Sha(Canonicalize(new JObject(
            new JProperty("document", WithoutSchemaReference(SchemaValidator.ToJson(composed))),
            new JProperty("parameters", new JObject(parameters.Select(p => new JProperty(p.Name, SchemaValidator.ToJson(p.Value))))),
            new JProperty("bases", new JArray(bases)))));

    private static string Canonical(DocNode root) =>
        Canonicalize(WithoutSchemaReference(SchemaValidator.ToJson(root))).ToString(Newtonsoft.Json.Formatting.None);

    private static string Sha(JToken token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.ToString(Newtonsoft.Json.Formatting.None))));

    private static JToken WithoutSchemaReference(JToken document)
    {
        if (document is JObject o && o.ContainsKey("$schema"))
        {
            var copy = (JObject)o.DeepClone();
            copy.Remove("$schema");
            return copy;
        }

        return document;
    }

    private static JToken Canonicalize(JToken token) => token switch
    {
        JObject o => new JObject(o.Properties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new JProperty(p.Name, Canonicalize(p.Value)))),
        JArray a => new JArray(a.Select(Canonicalize)),
        _ => token,
    };
}
