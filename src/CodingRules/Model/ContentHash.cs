using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CodingRules.Loading;

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
        ArgumentNullException.ThrowIfNull(root);
        var json = new CanonicalJson();
        json.Document(root);
        return json.Sha256();
    }

    /// <summary>
    /// The hash of a composed rule set: its composed document, the values of its parameters and the bases it was
    /// built on (by id, not by file), so a change to a template or a library changes the hash of every version built
    /// on it, and moving a file does not.
    /// </summary>
    public static string Of(DocNode composed, IEnumerable<(string Name, DocNode Value)> parameters, IEnumerable<string> bases)
    {
        ArgumentNullException.ThrowIfNull(composed);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(bases);

        // Note: {"bases":[...],"document":...,"parameters":{...}}, the keys in ordinal order as everywhere.
        var json = new CanonicalJson();
        json.Raw("{\"bases\":[");
        var first = true;
        foreach (var b in bases)
        {
            json.Raw(first ? string.Empty : ",");
            json.String(b);
            first = false;
        }

        json.Raw("],\"document\":");
        json.Document(composed);
        json.Raw(",\"parameters\":");
        json.Object([.. parameters]);
        json.Raw("}");
        return json.Sha256();
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

    /// <summary>
    /// Writes the canonical JSON of documents: what <see cref="SchemaValidator.ToJson"/> gives, with every object's keys
    /// in ordinal order, written as Json.NET writes it unindented (the form the hashes were first defined by, so
    /// hashes recorded by earlier builds stay valid): only <c>"</c>, <c>\</c>, control characters and U+0085,
    /// U+2028, U+2029 escaped (<c>\uXXXX</c> in lower-case hex unless a short form exists), floats in their shortest
    /// round-trip form with <c>.0</c> added when it has no point or exponent, an infinite float as the string
    /// <c>"Infinity"</c>. Checked against Json.NET in the tests (ContentHashTests).
    /// </summary>
    private sealed class CanonicalJson
    {
        private readonly StringBuilder _text = new(4096);

        public void Raw(string text) => _text.Append(text);

        /// <summary>A whole document; a top-level <c>$schema</c> names the file's schema for editors and says nothing of the rules.</summary>
        public void Document(DocNode root)
        {
            if (root is DocMapping mapping && mapping.Entries.Any(e => e.Key.Value == "$schema"))
            {
                Object([.. mapping.Entries.Where(e => e.Key.Value != "$schema").Select(e => (e.Key.Value, e.Value))]);
                return;
            }

            Value(root);
        }

        public void Object(List<(string Name, DocNode Value)> members)
        {
            // Note: a stable sort, so keys written twice (a mapping read never has them) keep their order.
            var sorted = members.Select((m, i) => (m, i)).OrderBy(x => x.m.Name, StringComparer.Ordinal).ThenBy(x => x.i);
            _text.Append('{');
            var first = true;
            foreach (var ((name, value), _) in sorted)
            {
                if (!first)
                {
                    _text.Append(',');
                }

                String(name);
                _text.Append(':');
                Value(value);
                first = false;
            }

            _text.Append('}');
        }

        public void Value(DocNode node)
        {
            switch (node)
            {
                case DocMapping m:
                    Object([.. m.Entries.Select(e => (e.Key.Value, e.Value))]);
                    break;
                case DocSequence s:
                    _text.Append('[');
                    for (var i = 0; i < s.Items.Length; i++)
                    {
                        if (i > 0)
                        {
                            _text.Append(',');
                        }

                        Value(s.Items[i]);
                    }

                    _text.Append(']');
                    break;
                case DocScalar { IsPlain: true } p:
                    Plain(p.Value);
                    break;
                case DocScalar q:
                    String(q.Value);
                    break;
                default:
                    _text.Append("null");
                    break;
            }
        }

        public void String(string value)
        {
            _text.Append('"');
            var run = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                var escaped = c switch
                {
                    '\t' => "\\t",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\f' => "\\f",
                    '\b' => "\\b",
                    '\\' => "\\\\",
                    '"' => "\\\"",
                    '\u0085' => "\\u0085",
                    '\u2028' => "\\u2028",
                    '\u2029' => "\\u2029",
                    < ' ' => null,
                    _ => string.Empty,
                };
                if (escaped is { Length: 0 })
                {
                    continue;
                }

                _text.Append(value, run, i - run);
                run = i + 1;
                if (escaped is null)
                {
                    _text.Append("\\u00").Append(HexDigit(c >> 4)).Append(HexDigit(c & 0xF));
                }
                else
                {
                    _text.Append(escaped);
                }
            }

            _text.Append(value, run, value.Length - run).Append('"');
        }

        public string Sha256()
        {
            var text = _text.ToString();
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        }

        private static char HexDigit(int n) => (char)(n <= 9 ? '0' + n : 'a' + n - 10);

        private void Plain(string value)
        {
            switch (YamlCoreSchema.Resolve(value))
            {
                case YamlCoreSchema.PlainKind.Null:
                    _text.Append("null");
                    break;
                case YamlCoreSchema.PlainKind.Boolean:
                    _text.Append(YamlCoreSchema.IsTrue(value) ? "true" : "false");
                    break;
                case YamlCoreSchema.PlainKind.Integer when YamlCoreSchema.TryInteger(value, out var i):
                    _text.Append(i.ToString(CultureInfo.InvariantCulture));
                    break;
                case YamlCoreSchema.PlainKind.Float or YamlCoreSchema.PlainKind.Integer:
                    Float(double.Parse(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    String(value);
                    break;
            }
        }

        private void Float(double value)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            if (double.IsInfinity(value) || double.IsNaN(value))
            {
                _text.Append('"').Append(text).Append('"');
            }
            else
            {
                _text.Append(text);
                if (text.AsSpan().IndexOfAny('.', 'E', 'e') < 0)
                {
                    _text.Append(".0");
                }
            }
        }
    }
}
