using System.Collections.Immutable;
using CodingRules.Loading;
using CodingRules.Text;

namespace CodingRules.Composition;

/// <summary>
/// A composition in progress: what the bases and the file say so far, each item with the node (and so the file) it
/// came from. Copied before a file is applied, so a base's draft is shared by every file that extends it.
/// </summary>
internal sealed class Draft
{
    /// <summary>Identity parts by key, as written (the latest writer wins).</summary>
    public Dictionary<string, DocEntry> Identity { get; } = new(StringComparer.Ordinal);

    /// <summary>Keyed lists by section path: items in order, each with its key.</summary>
    public Dictionary<string, List<Item>> Lists { get; } = new(StringComparer.Ordinal);

    /// <summary>Named mappings by section path: entries in order.</summary>
    public Dictionary<string, List<DocEntry>> Maps { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each section (and the vocabulary) was first written, for the composed containers' spans.</summary>
    public Dictionary<string, SourceSpan> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>Parameter values set so far (by <c>with:</c>), by name.</summary>
    public Dictionary<string, (DocNode Value, DocEntry Entry, string By)> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Parameter values of imported libraries not set yet: a library's values are set for the rule set (or template)
    /// that imports it, directly or through other libraries, once that one's own declarations are known.
    /// </summary>
    public List<(RuleDocument Library, DocMapping With)> PendingValues { get; } = [];

    /// <summary>True when a file read into the draft had errors.</summary>
    public bool HasErrors { get; set; }

    /// <summary>The bases read, in order.</summary>
    public List<string> Bases { get; } = [];

    /// <summary>Where each definition came from: its owner's name, for messages.</summary>
    public Dictionary<DocNode, string> Owners { get; } = new(ReferenceEqualityComparer.Instance);

    public string Kind => (Identity.GetValueOrDefault("kind")?.Value as DocScalar)?.Value ?? string.Empty;

    /// <summary>One item of a keyed list: its key, the key's node and the item.</summary>
    public sealed record Item(string Key, DocNode KeyNode, DocMapping Node);

    public Draft Copy()
    {
        var copy = new Draft();
        foreach (var (k, v) in Identity)
        {
            copy.Identity[k] = v;
        }

        foreach (var (k, v) in Lists)
        {
            copy.Lists[k] = [.. v];
        }

        foreach (var (k, v) in Maps)
        {
            copy.Maps[k] = [.. v];
        }

        foreach (var (k, v) in Containers)
        {
            copy.Containers[k] = v;
        }

        foreach (var (k, v) in Values)
        {
            copy.Values[k] = v;
        }

        foreach (var (k, v) in Owners)
        {
            copy.Owners[k] = v;
        }

        copy.Bases.AddRange(Bases);
        copy.PendingValues.AddRange(PendingValues);
        copy.HasErrors = HasErrors;
        return copy;
    }

    public List<Item> List(string path) => Lists.TryGetValue(path, out var items) ? items : Lists[path] = [];

    public List<DocEntry> Map(string path) => Maps.TryGetValue(path, out var entries) ? entries : Maps[path] = [];

    /// <summary>The composed document, rooted at <paramref name="root"/> (the file's own mapping, for its span).</summary>
    public DocMapping ToDocument(DocMapping root)
    {
        var entries = ImmutableArray.CreateBuilder<DocEntry>();
        foreach (var key in Sections.Identity)
        {
            if (Identity.TryGetValue(key, out var entry))
            {
                entries.Add(entry);
            }
        }

        AddList(entries, "sources", root);
        AddList(entries, "codes", root);
        var vocabulary = ImmutableArray.CreateBuilder<DocEntry>();
        foreach (var part in new[] { "regions", "regionGroups", "nerves", "levels" })
        {
            AddList(vocabulary, "vocabulary." + part, root, part);
        }

        if (vocabulary.Count > 0)
        {
            var span = Containers.GetValueOrDefault("vocabulary", root.Span);
            entries.Add(new DocEntry(Key("vocabulary", span), new DocMapping(vocabulary.ToImmutable(), span)));
        }

        AddList(entries, "families", root);
        AddList(entries, "checks", root);
        AddList(entries, "extraLines", root);
        foreach (var (path, _) in Sections.Named)
        {
            if (path != "parameters" && Maps.TryGetValue(path, out var map) && map.Count > 0)
            {
                var span = Containers.GetValueOrDefault(path, root.Span);
                entries.Add(new DocEntry(Key(path, span), new DocMapping([.. map], span)));
            }
        }

        return new DocMapping(entries.ToImmutable(), root.Span);
    }

    private void AddList(ImmutableArray<DocEntry>.Builder entries, string path, DocMapping root, string? key = null)
    {
        if (!Lists.TryGetValue(path, out var items) || items.Count == 0)
        {
            return;
        }

        var span = Containers.GetValueOrDefault(path, root.Span);
        entries.Add(new DocEntry(Key(key ?? path, span), new DocSequence([.. items.Select(i => (DocNode)i.Node)], span)));
    }

    private static DocScalar Key(string key, SourceSpan span) => new(key, true, false, span);
}
