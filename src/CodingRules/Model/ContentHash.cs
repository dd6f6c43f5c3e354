using System.Security.Cryptography;
using System.Text;
using CodingRules.Loading;
using Newtonsoft.Json.Linq;

namespace CodingRules.Model;

/// <summary>
/// The sha256 of a rule document's canonical content: the document as JSON (plain scalars typed by the YAML core
/// schema), object keys sorted by ordinal order, no insignificant whitespace, UTF-8. Comments, formatting, key order,
/// YAML style (flow or block, quoting) and a top-level <c>$schema</c> (which names the file's schema for editors)
/// therefore never change the hash; any change of a value does.
/// </summary>
public static class ContentHash
{
    /// <summary>Lower-case hex sha256 of the canonical form of <paramref name="root"/>.</summary>
    public static string Of(DocNode root)
    {
        var canonical = Canonicalize(WithoutSchemaReference(SchemaValidator.ToJson(root)));
        var json = canonical.ToString(Newtonsoft.Json.Formatting.None);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>
    /// The hash of a composed rule set: its composed document, the values of its parameters and the bases it was
    /// built on (by id, not by file), so a change to a template or a library changes the hash of every version built
    /// on it, and moving a file does not.
    /// </summary>
    public static string Of(DocNode composed, IEnumerable<(string Name, DocNode Value)> parameters, IEnumerable<string> bases)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(bases);
        var all = new JObject(
            new JProperty("document", WithoutSchemaReference(SchemaValidator.ToJson(composed))),
            new JProperty("parameters", new JObject(parameters.Select(p => new JProperty(p.Name, SchemaValidator.ToJson(p.Value))))),
            new JProperty("bases", new JArray(bases)));
        var json = Canonicalize(all).ToString(Newtonsoft.Json.Formatting.None);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>
    /// The hash of a rule set that reads data files: <paramref name="hash"/> (of its rule text) combined with each
    /// file's SHA-256 by table name, so that a changed data file changes the version's hash. With no data files,
    /// <paramref name="hash"/> itself.
    /// </summary>
    public static string WithDataFiles(string hash, IEnumerable<(string Table, string Sha256)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sorted = files.OrderBy(f => f.Table, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            return hash;
        }

        var text = hash + string.Concat(sorted.Select(f => $"\n{f.Table}={f.Sha256}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A file's <c>$schema</c> names the schema its editor checks it with; it says nothing of the rules.</summary>
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
