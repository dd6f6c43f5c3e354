namespace CodingRules.Composition;

/// <summary>
/// How each top-level part of a rule file composes. Identity parts (the file's own name, period, payers...) replace
/// the base's; keyed lists add items, matched by their key field, to the base's; <c>tables</c>, <c>definitions</c> and
/// <c>parameters</c> are keyed by name; the composition parts themselves are never inherited.
/// </summary>
internal static class Sections
{
    /// <summary>Parts a file states for itself; a base's value is used when the file has none.</summary>
    public static readonly string[] Identity =
        ["ruleSet", "version", "kind", "title", "summary", "effective", "handles", "payers", "laterality", "wholeJoint", "combineEntries", "useRegionGroups"];

    /// <summary>Lists of items keyed by a field: the section's path and the key field.</summary>
    public static readonly (string Path, string Key, string What)[] Keyed =
    [
        ("sources", "id", "Source"),
        ("codes", "code", "Code"),
        ("vocabulary.regions", "id", "Region"),
        ("vocabulary.regionGroups", "id", "Region group"),
        ("vocabulary.nerves", "id", "Nerve"),
        ("vocabulary.levels", "id", "Level"),
        ("families", "id", "Family"),
        ("checks", "id", "Check"),
        ("extraLines", "id", "Extra line"),
    ];

    /// <summary>Mappings keyed by name.</summary>
    public static readonly (string Path, string What)[] Named =
    [
        ("tables", "Table"),
        ("layouts", "Layout"),
        ("definitions", "Definition"),
        ("parameters", "Parameter"),
    ];

    /// <summary>Parts about composition itself: read by the composer, never inherited or compiled.</summary>
    public static readonly string[] Composition = ["template", "extends", "with", "imports", "override", "remove", "library", "$schema"];

    /// <summary>
    /// What a library may hold (besides its name, title, summary and imports): parts to add, and values for the
    /// parameters of the templates its importers extend (a contractor's names and numbers, say).
    /// </summary>
    public static readonly string[] Library = ["sources", "codes", "vocabulary", "checks", "tables", "layouts", "definitions", "with"];

    /// <summary>The name part of a definition key: <c>touches</c> for <c>touches(entry)</c>.</summary>
    public static string DefinitionName(string key)
    {
        var open = key.IndexOf('(', StringComparison.Ordinal);
        return (open < 0 ? key : key[..open]).Trim();
    }
}
