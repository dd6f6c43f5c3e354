using System.Collections.Frozen;
using System.Globalization;
using CodingRules.Diagnostics;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CodingRules.Loading;

/// <summary>
/// Validates a loaded document against one of the published JSON Schemas (NJsonSchema) and maps each violation
/// from its JSON path back to the YAML node's line and column. Thread-safe once constructed.
/// </summary>
public sealed class SchemaValidator
{
    private static readonly FrozenDictionary<ValidationErrorKind, string> TypeNames = new Dictionary<ValidationErrorKind, string>
    {
        [ValidationErrorKind.StringExpected] = "a string",
        [ValidationErrorKind.NumberExpected] = "a number",
        [ValidationErrorKind.IntegerExpected] = "an integer",
        [ValidationErrorKind.BooleanExpected] = "true or false",
        [ValidationErrorKind.ObjectExpected] = "a mapping",
        [ValidationErrorKind.ArrayExpected] = "a list",
        [ValidationErrorKind.NullExpected] = "nothing",
    }.ToFrozenDictionary();

    private readonly JsonSchema _schema;

    private SchemaValidator(JsonSchema schema) => _schema = schema;

    /// <summary>The validator for rule files (<c>schemas/ruleset.schema.json</c>, embedded in the library).</summary>
    public static SchemaValidator RuleSet => RuleSetSchema.Instance;

    /// <summary>The validator for rule test files (<c>schemas/ruleset-tests.schema.json</c>).</summary>
    public static SchemaValidator RuleSetTests => RuleSetTestsSchema.Instance;

    /// <summary>Reports every schema violation of <paramref name="root"/>.</summary>
    public void Validate(DocNode root, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var token = ToJson(root);
        ICollection<ValidationError> errors;
        // Note: NJsonSchema does not document JsonSchema.Validate as thread-safe (it resolves references and caches
        // lazily), and catalogs may be loaded from several threads at once; validation runs at load time only.
        lock (_schema)
        {
            errors = _schema.Validate(token);
        }

        foreach (var error in Innermost(errors))
        {
            diagnostics.Add(Map(error, root));
        }
    }

    /// <summary>Converts a document to JSON, typing plain scalars by the YAML core schema.</summary>
    public static JToken ToJson(DocNode node) => node switch
    {
        DocMapping m => new JObject(m.Entries.Select(e => new JProperty(e.Key.Value, ToJson(e.Value)))),
        DocSequence s => new JArray(s.Items.Select(ToJson)),
        DocScalar { IsPlain: true } p => Plain(p.Value),
        DocScalar q => new JValue(q.Value),
        _ => JValue.CreateNull(),
    };

    private static JValue Plain(string value) => YamlCoreSchema.Resolve(value) switch
    {
        YamlCoreSchema.PlainKind.Null => JValue.CreateNull(),
        YamlCoreSchema.PlainKind.Boolean => new JValue(YamlCoreSchema.IsTrue(value)),
        YamlCoreSchema.PlainKind.Integer when YamlCoreSchema.TryInteger(value, out var i) => new JValue(i),
        YamlCoreSchema.PlainKind.Float or YamlCoreSchema.PlainKind.Integer => new JValue(double.Parse(value, CultureInfo.InvariantCulture)),
        _ => new JValue(value),
    };

    /// <summary>
    /// NJsonSchema wraps an error inside a list item or a property's sub-schema in a child error; the useful
    /// report is the innermost one, at its own node. Alternatives (oneOf/anyOf) stay whole: no single branch is "the" error.
    /// </summary>
    private static IEnumerable<ValidationError> Innermost(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child
                && error.Kind is ValidationErrorKind.ArrayItemNotValid or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.AdditionalPropertiesNotValid
                && child.Errors.Values.Any(v => v.Count > 0))
            {
                foreach (var inner in Innermost(child.Errors.Values.SelectMany(v => v)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static Diagnostic Map(ValidationError error, DocNode root)
    {
        var (node, parent, key) = Resolve(root, error.Path);
        switch (error.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
                return Diagnostic.Create(DiagnosticDescriptors.CR1003_MissingProperty, (parent is DocMapping ? parent : node).Span, error.Property);
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                {
                    // The properties the object may have, from the schema of the object the key is in.
                    var allowed = error.Schema?.ActualProperties.Keys.Order(StringComparer.Ordinal).ToList() ?? [];
                    // Note: a path ending in a key the path syntax cannot name (the empty key) resolves to the mapping
                    // that holds it; the key is then found there, so the diagnostic points at it, not at the mapping.
                    var at = key is null && node is DocMapping holder && error.Property is { } property && holder.Entry(property) is { } entry ? entry.Key : key;
                    return Diagnostic.Create(DiagnosticDescriptors.CR1004_UnknownProperty, (at ?? node).Span, error.Property,
                        Suggestion.DidYouMean(error.Property ?? string.Empty, allowed), allowed.Count == 0 ? "none" : string.Join(", ", allowed));
                }
            case var kind when TypeNames.TryGetValue(kind, out var expected):
                return Diagnostic.Create(DiagnosticDescriptors.CR1005_WrongType, node.Span, expected, Describe(node));
            case ValidationErrorKind.NotInEnumeration:
                {
                    var allowed = string.Join(" | ", error.Schema.Enumeration.Select(v => v?.ToString()));
                    return Diagnostic.Create(DiagnosticDescriptors.CR1006_ValueNotAllowed, node.Span, Text(node), allowed);
                }

            case ValidationErrorKind.PatternMismatch:
                return Diagnostic.Create(DiagnosticDescriptors.CR1006_ValueNotAllowed, node.Span, Text(node), $"text matching {error.Schema.Pattern}");
            case ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf when error is ChildSchemaValidationError child && Branch(child, node) is { } branch:
                // The one form the value was plainly meant as (a mapping whose keys only that form has): its own error.
                return Map(Innermost(branch).First(), root);
            case ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf:
                {
                    var options = error is ChildSchemaValidationError child
                        ? string.Join(" or ", child.Errors.Keys.Select(s => s.Description ?? s.Type.ToString()))
                        : "one of the allowed forms";
                    return Diagnostic.Create(DiagnosticDescriptors.CR1007_SchemaViolation, node.Span, $"expected {options}");
                }

            case ValidationErrorKind.TooFewProperties:
                {
                    var allowed = error.Schema?.ActualProperties.Keys.Order(StringComparer.Ordinal).ToList() ?? [];
                    return Diagnostic.Create(DiagnosticDescriptors.CR1007_SchemaViolation, node.Span,
                        allowed.Count == 0 ? "the mapping is empty" : $"the mapping is empty; write at least one of {string.Join(", ", allowed)}");
                }

            default:
                return Diagnostic.Create(DiagnosticDescriptors.CR1007_SchemaViolation, node.Span, Humanize(error.Kind));
        }
    }

    /// <summary>
    /// Of the alternatives a mapping failed, the only one that declares every key the mapping has, with its errors;
    /// null when none or several do (then no single form is "the" one meant, and all are listed).
    /// </summary>
    private static ICollection<ValidationError>? Branch(ChildSchemaValidationError error, DocNode node)
    {
        if (node is not DocMapping { Entries.Length: > 0 } mapping)
        {
            return null;
        }

        var matching = error.Errors
            .Where(b => b.Value.Count > 0 && b.Key.ActualSchema.ActualProperties.Count > 0
                && mapping.Entries.All(e => b.Key.ActualSchema.ActualProperties.ContainsKey(e.Key.Value)))
            .Take(2)
            .ToList();
        return matching.Count == 1 ? matching[0].Value : null;
    }

    private static string Humanize(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.TooFewItems => "the list has too few items",
        ValidationErrorKind.TooManyItems => "the list has too many items",
        ValidationErrorKind.ItemsNotUnique => "the list repeats an item",
        ValidationErrorKind.StringTooShort => "the text is too short",
        ValidationErrorKind.StringTooLong => "the text is too long",
        ValidationErrorKind.NumberTooSmall => "the number is too small",
        ValidationErrorKind.NumberTooBig => "the number is too big",
        _ => kind.ToString(),
    };

    private static string Describe(DocNode node) => node switch
    {
        DocScalar { IsPlain: true } s => YamlCoreSchema.Resolve(s.Value) switch
        {
            YamlCoreSchema.PlainKind.Null => "nothing",
            YamlCoreSchema.PlainKind.Boolean => "a boolean",
            YamlCoreSchema.PlainKind.Integer or YamlCoreSchema.PlainKind.Float => "a number",
            _ => "a string",
        },
        DocScalar => "a string",
        DocMapping => "a mapping",
        _ => "a list",
    };

    private static string Text(DocNode node) => node is DocScalar s ? s.Value : node.KindName;

    /// <summary>
    /// Walks a NJsonSchema path such as <c>#/checks[2].effect</c> down the document. Returns the node reached, its
    /// parent and, when the last step was a property, its key.
    /// </summary>
    internal static (DocNode Node, DocNode? Parent, DocScalar? Key) Resolve(DocNode root, string? path)
    {
        DocNode node = root;
        DocNode? parent = null;
        DocScalar? key = null;
        if (string.IsNullOrEmpty(path))
        {
            return (node, parent, key);
        }

        var p = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        var i = 0;
        while (i < p.Length)
        {
            if (p[i] == '.')
            {
                i++;
                continue;
            }

            if (p.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                // A key that is not a plain name (e.g. with a space) is written ['two words'].
                var closeQuote = p.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (closeQuote < 0 || node is not DocMapping quoted || quoted.Entry(p[(i + 2)..closeQuote]) is not { } quotedEntry)
                {
                    break;
                }

                (parent, key, node) = (node, quotedEntry.Key, quotedEntry.Value);
                i = closeQuote + 2;
                continue;
            }

            if (p[i] == '[')
            {
                var close = p.IndexOf(']', i);
                if (close < 0 || !int.TryParse(p.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    break;
                }

                i = close + 1;
                if (node is DocSequence seq && index < seq.Items.Length)
                {
                    parent = node;
                    key = null;
                    node = seq.Items[index];
                }
                else
                {
                    break;
                }

                continue;
            }

            var end = p.IndexOfAny(['.', '['], i);
            var name = end < 0 ? p[i..] : p[i..end];
            i = end < 0 ? p.Length : end;
            if (node is DocMapping map && map.Entry(name) is { } entry)
            {
                parent = node;
                key = entry.Key;
                node = entry.Value;
            }
            else
            {
                break;
            }
        }

        return (node, parent, key);
    }

    private static SchemaValidator FromResource(string name)
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("CodingRules.Schemas." + name)
            ?? throw new InvalidOperationException($"Embedded schema {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        var json = reader.ReadToEnd();
        // Note: the tests schema refers to encounter.schema.json for its encounters; encounters are checked by the
        // encounter reader once fixtures are merged (which reports JSON paths, CR4011), so the reference is cut here
        // rather than resolved from disk.
        json = json.Replace("\"$ref\": \"encounter.schema.json#/definitions/fields\"", "\"type\": \"object\"", StringComparison.Ordinal);
        // Note: what the published schema says with conditions (allOf: a version's required parts) and formats (a real
        // calendar date) the loader says itself, after composition (KindRequirements: a file that extends a base
        // inherits them) and with its own located messages (CR4008 for a date); kept here, each would be reported twice.
        var document = Newtonsoft.Json.Linq.JObject.Parse(json);
        document.Remove("allOf");
        foreach (var format in document.Descendants().OfType<Newtonsoft.Json.Linq.JProperty>().Where(p => p.Name == "format" && p.Value.ToString() == "date").ToList())
        {
            format.Remove();
        }

        var schema = JsonSchema.FromJsonAsync(document.ToString()).GetAwaiter().GetResult();
        return new SchemaValidator(schema);
    }

    // Note: each schema is read on first use (about 60 ms each, cold), so a host that loads no test files never reads
    // the test schema.
    private static class RuleSetSchema
    {
        public static readonly SchemaValidator Instance = FromResource("ruleset.schema.json");
    }

    private static class RuleSetTestsSchema
    {
        public static readonly SchemaValidator Instance = FromResource("ruleset-tests.schema.json");
    }
}
