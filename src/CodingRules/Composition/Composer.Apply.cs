using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Diagnostics;
using CodingRules.Loading;

namespace CodingRules.Composition;

/// <summary>Applying one file to its bases' draft: additions, parameters, overrides, removals.</summary>
public sealed partial class Composer
{
    private static readonly string[] LibraryKeys = ["library", "title", "summary", "imports", "$schema", .. Sections.Library];

    private void Apply(RuleDocument document, Draft draft)
    {
        var root = document.Root;
        if (document.Kind == DocumentKind.Library)
        {
            foreach (var entry in root.Entries.Where(e => !LibraryKeys.Contains(e.Key.Value)))
            {
                Report(DiagnosticDescriptors.CR4035_NotInLibrary, entry.Key, entry.Key.Value);
            }
        }
        else
        {
            foreach (var key in Sections.Identity)
            {
                if (root.Entry(key) is { } entry)
                {
                    draft.Identity[key] = entry;
                }
            }
        }

        foreach (var (path, key, what) in Sections.Keyed)
        {
            if (Section(root, path) is not DocSequence sequence)
            {
                continue;
            }

            draft.Containers[path] = sequence.Span;
            if (path.StartsWith("vocabulary.", StringComparison.Ordinal))
            {
                draft.Containers["vocabulary"] = root["vocabulary"]!.Span;
            }

            var items = draft.List(path);
            foreach (var (item, index) in sequence.Items.OfType<DocMapping>().Select((m, i) => (m, i)))
            {
                var keyNode = item[key] as DocScalar;
                var itemKey = keyNode?.Value ?? $"#{document.Name}#{path}#{index}";
                // Note: an id written twice in one file is that file's own mistake (CR4001, reported by the compiler).
                if (keyNode is not null && items.Find(i => i.Key == itemKey) is { } existing && draft.Owners.GetValueOrDefault(existing.Node) != document.Name)
                {
                    Report(DiagnosticDescriptors.CR4027_AlreadyDefined, keyNode, what, itemKey, draft.Owners.GetValueOrDefault(existing.Node, "a base"), existing.KeyNode.Span.Location.ToString());
                    continue;
                }

                items.Add(new Draft.Item(itemKey, (DocNode?)keyNode ?? item, item));
                draft.Owners[item] = document.Name;
            }
        }

        foreach (var (path, what) in Sections.Named)
        {
            if (root[path] is not DocMapping map)
            {
                continue;
            }

            draft.Containers[path] = map.Span;
            var entries = draft.Map(path);
            foreach (var entry in map.Entries)
            {
                var name = NameOf(path, entry);
                if (entries.Find(e => NameOf(path, e) == name) is { } existing && draft.Owners.GetValueOrDefault(existing.Value) != document.Name)
                {
                    Report(DiagnosticDescriptors.CR4027_AlreadyDefined, entry.Key, what, name, draft.Owners.GetValueOrDefault(existing.Value, "a base"), existing.Key.Span.Location.ToString());
                    continue;
                }

                entries.Add(entry);
                draft.Owners[entry.Value] = document.Name;
            }
        }

        // Note: a library's values are set where it is imported (they need the importer's declarations).
        if (root["with"] is DocMapping with && document.Kind != DocumentKind.Library)
        {
            SetParameters(document, draft, with);
        }

        if (root["override"] is DocMapping overrides)
        {
            Override(draft, overrides);
        }

        if (root["remove"] is DocMapping removals)
        {
            Remove(draft, removals);
        }
    }

    private static DocNode? Section(DocMapping root, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? root[path] : (root[path[..dot]] as DocMapping)?[path[(dot + 1)..]];
    }

    internal void SetParameters(RuleDocument document, Draft draft, DocMapping with)
    {
        var declared = draft.Map("parameters");
        foreach (var entry in with.Entries)
        {
            var name = entry.Key.Value;
            if (declared.Find(e => e.Key.Value == name) is not { } declaration)
            {
                var names = declared.Select(e => e.Key.Value).ToList();
                Report(DiagnosticDescriptors.CR4029_UnknownParameter, entry.Key, name, draft.Bases.Count > 0 ? draft.Bases[0] : document.Name,
                    Suggestion.DidYouMean(name, names), names.Count == 0 ? "none" : string.Join(", ", names));
                continue;
            }

            if (draft.Values.TryGetValue(name, out var earlier))
            {
                Report(DiagnosticDescriptors.CR4032_ParameterSetTwice, entry.Key, name, earlier.By, earlier.Entry.Key.Span.Location.ToString());
                continue;
            }

            var type = TypeOf(declaration.Value);
            if (type is { } t && Describe(t, entry.Value) is { } wrong)
            {
                Report(DiagnosticDescriptors.CR4031_ParameterType, entry.Value, name, TypeName(t), wrong);
                continue;
            }

            draft.Values[name] = (entry.Value, entry, document.Name);
        }
    }

    private void Override(Draft draft, DocMapping overrides)
    {
        foreach (var (path, key, what) in Sections.Keyed)
        {
            if (Section(overrides, path) is not DocSequence sequence)
            {
                continue;
            }

            var items = draft.List(path);
            foreach (var item in sequence.Items.OfType<DocMapping>())
            {
                if (item[key] is not DocScalar keyNode)
                {
                    continue; // the schema reports the missing key
                }

                var index = items.FindIndex(i => i.Key == keyNode.Value);
                if (index < 0)
                {
                    Report(DiagnosticDescriptors.CR4028_NothingToOverride, keyNode, "override", what.ToLowerInvariant(), keyNode.Value, Suggestion.DidYouMean(keyNode.Value, items.Select(i => i.Key)));
                    continue;
                }

                var merged = Merge(items[index].Node, item);
                draft.Owners[merged] = draft.Owners.GetValueOrDefault(item, "an override");
                items[index] = items[index] with { Node = merged };
            }
        }

        foreach (var (path, what) in Sections.Named)
        {
            if (overrides[path] is not DocMapping map)
            {
                continue;
            }

            var entries = draft.Map(path);
            foreach (var entry in map.Entries)
            {
                var name = NameOf(path, entry);
                var index = entries.FindIndex(e => NameOf(path, e) == name);
                if (index < 0)
                {
                    Report(DiagnosticDescriptors.CR4028_NothingToOverride, entry.Key, "override", what.ToLowerInvariant(), name, Suggestion.DidYouMean(name, entries.Select(e => NameOf(path, e))));
                    continue;
                }

                // A table's rows merge; a definition or a parameter is replaced as a whole.
                entries[index] = path == "tables" && entries[index].Value is DocMapping rows && entry.Value is DocMapping newRows
                    ? new DocEntry(entries[index].Key, Merge(rows, newRows))
                    : entry;
            }
        }
    }

    private void Remove(Draft draft, DocMapping removals)
    {
        foreach (var (path, _, what) in Sections.Keyed)
        {
            foreach (var keyNode in Section(removals, path) is DocSequence sequence ? sequence.Items.OfType<DocScalar>() : [])
            {
                var items = draft.List(path);
                if (items.RemoveAll(i => i.Key == keyNode.Value) == 0)
                {
                    Report(DiagnosticDescriptors.CR4028_NothingToOverride, keyNode, "remove", what.ToLowerInvariant(), keyNode.Value, Suggestion.DidYouMean(keyNode.Value, items.Select(i => i.Key)));
                }
            }
        }

        foreach (var (path, what) in Sections.Named)
        {
            foreach (var keyNode in removals[path] is DocSequence sequence ? sequence.Items.OfType<DocScalar>() : [])
            {
                var entries = draft.Map(path);
                if (entries.RemoveAll(e => NameOf(path, e) == keyNode.Value) == 0)
                {
                    Report(DiagnosticDescriptors.CR4028_NothingToOverride, keyNode, "remove", what.ToLowerInvariant(), keyNode.Value, Suggestion.DidYouMean(keyNode.Value, entries.Select(e => NameOf(path, e))));
                }
            }
        }
    }

    /// <summary>An item with the overlay's entries in place of the base's (others kept, new ones added); the overlay's span.</summary>
    private static DocMapping Merge(DocMapping baseItem, DocMapping overlay)
    {
        var entries = ImmutableArray.CreateBuilder<DocEntry>();
        foreach (var entry in baseItem.Entries)
        {
            entries.Add(overlay.Entry(entry.Key.Value) ?? entry);
        }

        foreach (var entry in overlay.Entries.Where(e => baseItem.Entry(e.Key.Value) is null))
        {
            entries.Add(entry);
        }

        return new DocMapping(entries.ToImmutable(), overlay.Span);
    }

    /// <summary>The composed rule set of a document that is selected by date: every parameter must have a value.</summary>
    private ComposedRuleSet? Finish(RuleDocument document, Draft draft)
    {
        var parameters = ImmutableArray.CreateBuilder<ParameterValue>();
        var complete = true;
        foreach (var declaration in draft.Map("parameters"))
        {
            var name = declaration.Key.Value;
            var type = TypeOf(declaration.Value) ?? ParameterType.String;
            var description = (declaration.Value as DocMapping)?["description"] is DocScalar d ? d.Value : string.Empty;
            if (draft.Values.TryGetValue(name, out var set))
            {
                parameters.Add(new ParameterValue(name, type, description, declaration.Value, set.Value, set.Entry.Key));
            }
            else if ((declaration.Value as DocMapping)?["default"] is { } fallback)
            {
                if (Describe(type, fallback) is { } wrong)
                {
                    Report(DiagnosticDescriptors.CR4031_ParameterType, fallback, name, TypeName(type), wrong);
                    complete = false;
                    continue;
                }

                parameters.Add(new ParameterValue(name, type, description, declaration.Value, fallback, null));
            }
            else
            {
                Report(DiagnosticDescriptors.CR4030_ParameterNotSet, (DocNode?)document["extends"] ?? document.Root, name, draft.Owners.GetValueOrDefault(declaration.Value, document.Name));
                complete = false;
            }
        }

        if (!complete)
        {
            return null;
        }

        var extends = document["extends"] is DocScalar e ? ParseReference(e.Value) : default;
        return new ComposedRuleSet(
            document,
            draft.ToDocument(document.Root),
            parameters.ToImmutable(),
            extends.Id is null ? null : $"{extends.Id}@{extends.Version}",
            [.. draft.Bases])
        {
            HasErrors = draft.HasErrors,
        };
    }

    /// <summary>A declaration's type: <c>name: string</c>, or <c>name: { type: string, description: ..., default: ... }</c>.</summary>
    private static ParameterType? TypeOf(DocNode declaration) =>
        (declaration is DocScalar s ? s.Value : (declaration as DocMapping)?["type"] is DocScalar t ? t.Value : null) switch
        {
            "string" => ParameterType.String,
            "number" => ParameterType.Number,
            "boolean" => ParameterType.Boolean,
            "date" => ParameterType.Date,
            "list<string>" => ParameterType.StringList,
            "list<number>" => ParameterType.NumberList,
            _ => null, // the schema reports an unknown type
        };

    internal static string TypeName(ParameterType type) => type switch
    {
        ParameterType.String => "string",
        ParameterType.Number => "number",
        ParameterType.Boolean => "boolean",
        ParameterType.Date => "date",
        ParameterType.StringList => "list<string>",
        _ => "list<number>",
    };

    /// <summary>Null when <paramref name="value"/> fits <paramref name="type"/>; otherwise what it is, for the message.</summary>
    private static string? Describe(ParameterType type, DocNode value) => (type, value) switch
    {
        (ParameterType.String, DocScalar) => null,
        (ParameterType.Number, DocScalar s) when IsNumber(s.Value) => null,
        (ParameterType.Boolean, DocScalar { Value: "true" or "false" }) => null,
        (ParameterType.Date, DocScalar s) when DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => null,
        (ParameterType.StringList, DocSequence q) when q.Items.All(i => i is DocScalar) => null,
        (ParameterType.NumberList, DocSequence q) when q.Items.All(i => i is DocScalar n && IsNumber(n.Value)) => null,
        (_, DocScalar s) => $"'{(s.Value.Length > 40 ? s.Value[..37] + "..." : s.Value)}'",
        (_, var node) => $"a {node.KindName}",
    };

    private static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n);
}
