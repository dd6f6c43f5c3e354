using System.Collections.Immutable;
using CodingRules.Diagnostics;
using CodingRules.Loading;

namespace CodingRules.Composition;

/// <summary>The composed rule sets of a catalog, and the templates and libraries they were built from.</summary>
public sealed record CompositionResult(ImmutableArray<ComposedRuleSet> RuleSets, ImmutableArray<RuleDocument> Templates, ImmutableArray<RuleDocument> Libraries);

/// <summary>
/// Composes rule documents before they are compiled: a rule set version (or template) extends a base named
/// <c>id@version</c> and imports libraries by id; what the file writes is added to what the bases define, changed
/// under <c>override:</c>, dropped under <c>remove:</c>, and its parameters are set under <c>with:</c>. Every node
/// keeps the file it was written in, so a diagnostic points into the base or the overlay, whichever holds the
/// mistake. Cycles, missing bases, items defined twice, overrides of nothing and bad parameters are located
/// diagnostics (CR4025-CR4035). Each base is composed once and shared. Never throws for bad content.
/// </summary>
public sealed partial class Composer
{
    /// <summary>The most bases one document may build on in a chain (templates it extends and libraries it imports, nested).</summary>
    public const int MaxDepth = 32;

    private readonly Dictionary<(string Id, string Version), RuleDocument> _ruleSets = [];
    private readonly Dictionary<string, RuleDocument> _libraries = new(StringComparer.Ordinal);
    private readonly Dictionary<RuleDocument, Draft?> _built = new(ReferenceEqualityComparer.Instance);
    private readonly DiagnosticBag _diagnostics;

    private Composer(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    /// <summary>Composes every rule set version among <paramref name="documents"/> (templates and libraries are bases only).</summary>
    public static CompositionResult Compose(IEnumerable<RuleDocument> documents, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var composer = new Composer(diagnostics);
        var all = documents.ToList();
        foreach (var document in all)
        {
            if (document.Kind == DocumentKind.Library)
            {
                // Note: a second library of one id is left out; its file's diagnostic says why.
                if (!composer._libraries.TryAdd(document.Id, document))
                {
                    composer.Report(DiagnosticDescriptors.CR4001_DuplicateId, document.Root["library"]!, "Library", document.Id, composer._libraries[document.Id].Root.Span.Location.ToString());
                }
            }
            else
            {
                // Two files of one rule set version are reported by the catalog (CR4015); the first is the base.
                composer._ruleSets.TryAdd((document.Id, document.Version), document);
            }
        }

        var ruleSets = ImmutableArray.CreateBuilder<ComposedRuleSet>();
        foreach (var document in all)
        {
            var draft = composer.Build(document, ImmutableStack<RuleDocument>.Empty);
            if (draft is not null && document.Kind == DocumentKind.RuleSet && composer.Finish(document, draft) is { } composed)
            {
                ruleSets.Add(composed);
            }
        }

        return new CompositionResult(
            ruleSets.ToImmutable(),
            [.. all.Where(d => d.Kind == DocumentKind.Template)],
            [.. composer._libraries.Values.OrderBy(l => l.Id, StringComparer.Ordinal)]);
    }

    /// <summary>The draft of a document: its bases' drafts, copied, with the document applied. Null after an error that leaves nothing to build on.</summary>
    private Draft? Build(RuleDocument document, ImmutableStack<RuleDocument> path)
    {
        if (_built.TryGetValue(document, out var done))
        {
            return done;
        }

        if (path.Contains(document))
        {
            var chain = string.Join(" -> ", path.Reverse().Append(document).Select(d => d.Name));
            Report(DiagnosticDescriptors.CR4026_CompositionCycle, (DocNode?)document["extends"] ?? document["imports"] ?? document.Root, document.Name, chain);
            return null;
        }

        // Note: the chain of bases is bounded, so that composing never runs deep (stack) or long (copies per level).
        if (path.Count() >= MaxDepth)
        {
            var top = path.Reverse().First();
            Report(DiagnosticDescriptors.CR4037_CompositionTooDeep, (DocNode?)top["extends"] ?? top["imports"] ?? top.Root, top.Name, MaxDepth);
            return null;
        }

        var inner = path.Push(document);
        Draft? draft = new Draft();
        if (document["extends"] is DocScalar extends)
        {
            draft = Extend(document, extends, inner);
        }

        if (draft is not null)
        {
            foreach (var import in document["imports"] is DocSequence imports ? imports.Items.OfType<DocScalar>() : [])
            {
                Import(draft, import, inner);
            }

            Apply(document, draft);
            draft.HasErrors |= document.HasErrors;
            if (document.Kind != DocumentKind.Library)
            {
                foreach (var (library, with) in draft.PendingValues)
                {
                    SetParameters(library, draft, with);
                }

                draft.PendingValues.Clear();
            }
        }

        _built[document] = draft;
        return draft;
    }

    private Draft? Extend(RuleDocument document, DocScalar extends, ImmutableStack<RuleDocument> path)
    {
        if (document.Kind == DocumentKind.Library)
        {
            Report(DiagnosticDescriptors.CR4035_NotInLibrary, extends, "extends");
            return new Draft();
        }

        var (id, version) = ParseReference(extends.Value);
        if (!_ruleSets.TryGetValue((id, version), out var target))
        {
            var names = _ruleSets.Values.Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
            Report(DiagnosticDescriptors.CR4025_BaseNotFound, extends, "extends", extends.Value, Suggestion.DidYouMean(extends.Value, names), string.Join(", ", names));
            return null;
        }

        var baseDraft = Build(target, path);
        if (baseDraft is null)
        {
            return null;
        }

        var kind = (document["kind"] as DocScalar)?.Value;
        if (kind is not null && baseDraft.Kind.Length > 0 && kind != baseDraft.Kind)
        {
            Report(DiagnosticDescriptors.CR4033_BaseOfOtherKind, document["kind"]!, document.Name, kind, target.Name, baseDraft.Kind);
        }

        var draft = baseDraft.Copy();
        draft.Bases.Add(target.Name);
        return draft;
    }

    private void Import(Draft draft, DocScalar import, ImmutableStack<RuleDocument> path)
    {
        if (!_libraries.TryGetValue(import.Value, out var library))
        {
            var names = _libraries.Keys.Order(StringComparer.Ordinal).ToList();
            Report(DiagnosticDescriptors.CR4025_BaseNotFound, import, "imports", $"library {import.Value}", Suggestion.DidYouMean(import.Value, names), names.Count == 0 ? "none" : string.Join(", ", names));
            return;
        }

        if (draft.Bases.Contains(library.Name))
        {
            return; // imported already, by a base or another library
        }

        if (Build(library, path) is not { } libraryDraft)
        {
            return;
        }

        draft.HasErrors |= libraryDraft.HasErrors;
        foreach (var baseName in libraryDraft.Bases.Append(library.Name).Where(b => !draft.Bases.Contains(b)))
        {
            draft.Bases.Add(baseName);
        }

        foreach (var (sectionPath, items) in libraryDraft.Lists)
        {
            var target = draft.List(sectionPath);
            foreach (var item in items)
            {
                if (target.Find(i => i.Key == item.Key) is { } existing)
                {
                    if (ReferenceEquals(existing.Node, item.Node))
                    {
                        continue; // the same item, reached through two imports of one library
                    }

                    Report(DiagnosticDescriptors.CR4027_AlreadyDefined, import, WhatOf(sectionPath), item.Key, draft.Owners.GetValueOrDefault(existing.Node, "a base"), existing.KeyNode.Span.Location.ToString());
                    continue;
                }

                target.Add(item);
                draft.Owners[item.Node] = libraryDraft.Owners.GetValueOrDefault(item.Node, library.Name);
            }

            draft.Containers.TryAdd(sectionPath, libraryDraft.Containers.GetValueOrDefault(sectionPath, library.Root.Span));
        }

        foreach (var (sectionPath, entries) in libraryDraft.Maps)
        {
            var target = draft.Map(sectionPath);
            foreach (var entry in entries)
            {
                if (target.Find(e => NameOf(sectionPath, e) == NameOf(sectionPath, entry)) is { } existing)
                {
                    if (ReferenceEquals(existing.Value, entry.Value))
                    {
                        continue;
                    }

                    Report(DiagnosticDescriptors.CR4027_AlreadyDefined, import, WhatOf(sectionPath), NameOf(sectionPath, entry), draft.Owners.GetValueOrDefault(existing.Value, "a base"), existing.Key.Span.Location.ToString());
                    continue;
                }

                target.Add(entry);
                draft.Owners[entry.Value] = libraryDraft.Owners.GetValueOrDefault(entry.Value, library.Name);
            }

            draft.Containers.TryAdd(sectionPath, libraryDraft.Containers.GetValueOrDefault(sectionPath, library.Root.Span));
        }

        if (libraryDraft.Containers.TryGetValue("vocabulary", out var vocabulary))
        {
            draft.Containers.TryAdd("vocabulary", vocabulary);
        }

        // Note: a library reached through two imports sets its parameters once.
        var pending = libraryDraft.PendingValues.ToList();
        if (library["with"] is DocMapping with)
        {
            pending.Add((library, with));
        }

        foreach (var values in pending.Where(v => !draft.PendingValues.Exists(p => ReferenceEquals(p.Library, v.Library))))
        {
            draft.PendingValues.Add(values);
        }
    }

    /// <summary>Splits <c>id@version</c>.</summary>
    internal static (string Id, string Version) ParseReference(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (text.Trim(), string.Empty) : (text[..at].Trim(), text[(at + 1)..].Trim());
    }

    private static string WhatOf(string sectionPath) =>
        Sections.Keyed.FirstOrDefault(k => k.Path == sectionPath).What ?? Sections.Named.First(n => n.Path == sectionPath).What;

    private static string NameOf(string sectionPath, DocEntry entry) =>
        sectionPath == "definitions" ? Sections.DefinitionName(entry.Key.Value) : entry.Key.Value;

    private void Report(DiagnosticDescriptor descriptor, DocNode at, params object?[] arguments) =>
        _diagnostics.Add(Diagnostic.Create(descriptor, at.Span, arguments));
}
