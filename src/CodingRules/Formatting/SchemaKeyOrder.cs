using Newtonsoft.Json.Linq;

namespace CodingRules.Formatting;

/// <summary>
/// The canonical order of a mapping's keys, read from a published JSON Schema: the order in which the schema (and,
/// after its own properties, its <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>, <c>then</c> and <c>else</c> branches)
/// declares them. A key the schema does not declare at that place keeps its place among the other undeclared
/// keys, after the declared ones. References inside the schema (<c>#/...</c>) are followed; a reference to
/// another file is not, and its mappings keep the order they are written in. Immutable and thread-safe.
/// </summary>
internal sealed class SchemaKeyOrder
{
    private static readonly string[] Branches = ["allOf", "anyOf", "oneOf", "then", "else"];

    private readonly JObject _root;

    private SchemaKeyOrder(JObject root) => _root = root;

    /// <summary>The order of rule and library files.</summary>
    public static SchemaKeyOrder RuleSet { get; } = FromResource("ruleset.schema.json");

    /// <summary>The order of rule test files.</summary>
    public static SchemaKeyOrder RuleSetTests { get; } = FromResource("ruleset-tests.schema.json");

    /// <summary>The schema of the whole document.</summary>
    public JObject Root => _root;

    /// <summary>The keys <paramref name="schema"/> declares, in order, each once.</summary>
    public IReadOnlyList<string> Keys(JObject? schema)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Alternatives(schema))
        {
            if (s["properties"] is JObject properties)
            {
                keys.AddRange(properties.Properties().Select(p => p.Name).Where(seen.Add));
            }
        }

        return keys;
    }

    /// <summary>The schema of the value of <paramref name="key"/> in a mapping described by <paramref name="schema"/>, or null.</summary>
    public JObject? Property(JObject? schema, string key)
    {
        var alternatives = Alternatives(schema).ToList();
        foreach (var s in alternatives)
        {
            if (s["properties"] is JObject properties && properties[key] is JObject declared)
            {
                return Resolve(declared);
            }
        }

        return alternatives.Select(s => s["additionalProperties"]).OfType<JObject>().Select(Resolve).FirstOrDefault(s => s is not null);
    }

    /// <summary>The schema of the items of a sequence described by <paramref name="schema"/>, or null.</summary>
    public JObject? Items(JObject? schema) =>
        Alternatives(schema).Select(s => s["items"]).OfType<JObject>().Select(Resolve).FirstOrDefault(s => s is not null);

    /// <summary>The schema and its branches, references followed, depth-first in declaration order (bounded, no cycles).</summary>
    private IEnumerable<JObject> Alternatives(JObject? schema)
    {
        var visited = new HashSet<JObject>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<JObject>();
        if (Resolve(schema) is { } first)
        {
            stack.Push(first);
        }

        while (stack.Count > 0)
        {
            var s = stack.Pop();
            if (!visited.Add(s))
            {
                continue;
            }

            yield return s;
            var children = new List<JObject>();
            foreach (var branch in Branches)
            {
                switch (s[branch])
                {
                    case JArray array:
                        children.AddRange(array.OfType<JObject>().Select(Resolve).OfType<JObject>());
                        break;
                    case JObject single when Resolve(single) is { } resolved:
                        children.Add(resolved);
                        break;
                }
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>The schema a <c>$ref</c> inside this file points to (followed up to 32 times); null for another file's.</summary>
    private JObject? Resolve(JObject? schema)
    {
        for (var hops = 0; schema is not null && hops < 32; hops++)
        {
            if (schema["$ref"] is not JValue { Value: string reference })
            {
                return schema;
            }

            if (!reference.StartsWith('#'))
            {
                return null;
            }

            schema = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JToken?)_root, (token, part) => token?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]) as JObject;
        }

        return null;
    }

    private static SchemaKeyOrder FromResource(string name)
    {
        using var stream = typeof(SchemaKeyOrder).Assembly.GetManifestResourceStream("CodingRules.Schemas." + name)
            ?? throw new InvalidOperationException($"The schema {name} is not embedded in the library.");
        using var reader = new StreamReader(stream);
        return new SchemaKeyOrder(JObject.Parse(reader.ReadToEnd()));
    }
}
