using CodingRules.Loading;
using CodingRules.Text;

namespace CodingRules.Composition;

/// <summary>What a loaded rule document is.</summary>
public enum DocumentKind
{
    /// <summary>A rule set version (<c>ruleSet:</c> and <c>version:</c>), selected by date.</summary>
    RuleSet,

    /// <summary>A rule set version marked <c>template: true</c>: only extended, never selected by itself.</summary>
    Template,

    /// <summary>A shared library (<c>library:</c>): vocabulary, definitions, sources, codes, checks and tables to import.</summary>
    Library,
}

/// <summary>
/// One rule file as read (YAML parsed and schema-checked), before composition: its kind, its identity and its
/// document. Immutable.
/// </summary>
public sealed record RuleDocument(DocumentKind Kind, string Id, string Version, DocMapping Root)
{
    /// <summary>
    /// True when reading the file found errors (the schema's, say): it is still composed and compiled, so that every
    /// mistake is reported in one pass, but no rule set built on it is kept.
    /// </summary>
    public bool HasErrors { get; init; }

    /// <summary>The file.</summary>
    public SourceText Source => Root.Span.Source;

    /// <summary>How composition and diagnostics name it: <c>id@version</c>, or <c>library id</c>.</summary>
    public string Name => Kind == DocumentKind.Library ? $"library {Id}" : $"{Id}@{Version}";

    /// <summary>The file's top-level value of <paramref name="key"/>, or null.</summary>
    public DocNode? this[string key] => Root[key];

    /// <summary>Classifies a document read from a file; null for a document that is neither (a test file, say).</summary>
    public static RuleDocument? From(DocMapping root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root["library"] is DocScalar library)
        {
            return new RuleDocument(DocumentKind.Library, library.Value, string.Empty, root);
        }

        if (root["ruleSet"] is DocScalar ruleSet)
        {
            var template = root["template"] is DocScalar t && YamlCoreSchema.IsTrue(t.Value);
            var version = (root["version"] as DocScalar)?.Value ?? string.Empty;
            return new RuleDocument(template ? DocumentKind.Template : DocumentKind.RuleSet, ruleSet.Value, version, root);
        }

        return null;
    }
}
