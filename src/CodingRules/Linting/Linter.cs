using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodingRules.Catalog;
using CodingRules.Composition;
using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Language.Checking;
using CodingRules.Language.Passes;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Testing;
using CodingRules.Text;

namespace CodingRules.Linting;

/// <summary>
/// The checks of <c>codingrules lint</c> over a loaded catalog: what loads and runs but is dead (a source, code,
/// parameter, definition or library nothing uses), constant (a condition that is always true or false, or can never
/// hold), shadowed (a check an earlier stop always pre-empts) or misplaced (a test dated outside the version it sits
/// beside, a rule set typed inside a message). Each is a CR6xxx warning at the place to edit, with its fix.
/// </summary>
/// <remarks>
/// An item written once in a template or a library is judged over every version built on it: a source is unused only
/// when no version that has it cites it, and a check's warning is given once, at the check, however many versions
/// compile it. A condition made constant by a parameter (<c>when: params.enabled and ...</c>) is a switch the version
/// set on purpose, not a warning. The cost is linear in the size of the catalog's compiled expressions and test
/// cases: every tree is walked a bounded number of times (the parser bounds their depth).
/// </remarks>
public static partial class Linter
{
    /// <summary>The lint warnings of <paramref name="catalog"/>, sorted by location, each given once.</summary>
    public static ImmutableArray<Diagnostic> Run(RuleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var found = new List<Diagnostic>();
        var composed = catalog.Composed.ToDictionary(c => (c.File.Id, c.File.Version), c => c);
        var versions = catalog.RuleSets
            .Select(r => (RuleSet: r, Composed: composed.GetValueOrDefault((r.Id, r.Version))))
            .Where(v => v.Composed is not null)
            .Select(v => new Version(v.RuleSet, v.Composed!))
            .ToList();
        UnusedDeclarations(versions, catalog, found);
        UnusedLibraries(catalog, found);
        Conditions(versions, found);
        Messages(catalog, versions, found);
        TestsOutsideTheirVersion(catalog, found);
        return [.. found
            .DistinctBy(d => (d.Id, d.Location, d.Message))
            .OrderBy(d => d.Location)
            .ThenBy(d => d.Id, StringComparer.Ordinal)];
    }

    private sealed record Version(RuleSet RuleSet, ComposedRuleSet Composed)
    {
        public string Name => $"{RuleSet.Id}@{RuleSet.Version}";
    }

    /// <summary>A declaration (the node that names it) and the versions that have it, with whether any of them uses it.</summary>
    private sealed class Declaration(DocNode at)
    {
        public DocNode At { get; } = at;

        public List<string> Versions { get; } = [];

        public bool Used { get; set; }

        public string Holders => Versions.Count == 1 ? Versions[0] : $"any of the {Versions.Count} versions that have it";
    }

    private static void UnusedDeclarations(List<Version> versions, RuleCatalog catalog, List<Diagnostic> found)
    {
        // A template's or library's own title and summary are not composed into the versions built on it, but what
        // they name, they name for those versions.
        var bases = catalog.Templates.Concat(catalog.Libraries).GroupBy(d => d.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Texts(g.First().Root), StringComparer.Ordinal);
        var sources = new Dictionary<(string, SourceLocation), Declaration>();
        var codes = new Dictionary<(string, SourceLocation), Declaration>();
        var parameters = new Dictionary<(string, SourceLocation), Declaration>();
        var definitions = new Dictionary<(string, SourceLocation), Declaration>();
        foreach (var version in versions)
        {
            var root = version.Composed.Document;
            var ruleSet = version.RuleSet;
            var cited = ruleSet.Checks.Select(c => c.Source).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var texts = Texts(root);
            texts.AddRange(ruleSet.Bases.SelectMany(b => bases.GetValueOrDefault(b) ?? []));
            texts.Add(new DocScalar(ruleSet.Title + " " + ruleSet.Summary, true, false, default));
            foreach (var (id, node, item) in KeyedItems(root, "sources", "id"))
            {
                Note(sources, id, node, version, cited.Contains(id) || Names(texts, id, item));
            }

            var usedCodes = CodesUsed(ruleSet);
            foreach (var (code, node, _) in KeyedItems(root, "codes", "code"))
            {
                Note(codes, code, node, version, usedCodes.Contains(code));
            }

            foreach (var parameter in version.Composed.Parameters)
            {
                Note(parameters, parameter.Name, parameter.Declared, version, ruleSet.Reads.Parameters.Contains(parameter.Name));
            }

            foreach (var entry in (root["definitions"] as DocMapping)?.Entries ?? [])
            {
                var name = Sections.DefinitionName(entry.Key.Value);
                Note(definitions, name, entry.Key, version, ruleSet.Reads.Definitions.Contains(name));
            }
        }

        Report(sources, DiagnosticDescriptors.CR6001_UnusedSource, found);
        Report(codes, DiagnosticDescriptors.CR6002_UnusedCode, found);
        Report(parameters, DiagnosticDescriptors.CR6003_UnusedParameter, found);
        Report(definitions, DiagnosticDescriptors.CR6004_UnusedDefinition, found);

        static void Note(Dictionary<(string, SourceLocation), Declaration> all, string name, DocNode at, Version version, bool used)
        {
            var key = (name, at.Span.Location);
            if (!all.TryGetValue(key, out var declaration))
            {
                all[key] = declaration = new Declaration(at);
            }

            declaration.Versions.Add(version.Name);
            declaration.Used |= used;
        }

        static void Report(Dictionary<(string, SourceLocation), Declaration> all, DiagnosticDescriptor descriptor, List<Diagnostic> found)
        {
            foreach (var ((name, _), declaration) in all.Where(d => !d.Value.Used))
            {
                found.Add(Diagnostic.Create(descriptor, declaration.At.Span, name, declaration.Holders));
            }
        }
    }

    /// <summary>Every text of a composed document (titles, summaries, notes, descriptions, messages) with its node.</summary>
    private static List<DocScalar> Texts(DocNode root)
    {
        var texts = new List<DocScalar>();
        var pending = new Stack<DocNode>([root]);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case DocScalar scalar when scalar.Value.Contains(' ', StringComparison.Ordinal):
                    texts.Add(scalar);
                    break;
                case DocMapping mapping:
                    foreach (var entry in mapping.Entries)
                    {
                        pending.Push(entry.Value);
                    }

                    break;
                case DocSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return texts;
    }

    /// <summary>True when a text outside the declaration's own item names <paramref name="id"/> as a word: a citation in prose.</summary>
    private static bool Names(List<DocScalar> texts, string id, DocNode item)
    {
        foreach (var text in texts)
        {
            if (ReferenceEquals(text.Span.Source, item.Span.Source) && text.Span.Start >= item.Span.Start && text.Span.End <= item.Span.End)
            {
                continue;
            }

            for (var at = text.Value.IndexOf(id, StringComparison.Ordinal); at >= 0; at = text.Value.IndexOf(id, at + 1, StringComparison.Ordinal))
            {
                if ((at == 0 || !IsIdCharacter(text.Value[at - 1])) && (at + id.Length == text.Value.Length || !IsIdCharacter(text.Value[at + id.Length])))
                {
                    return true;
                }
            }
        }

        return false;

        static bool IsIdCharacter(char c) => char.IsLetterOrDigit(c) || c is '-' or '_';
    }

    /// <summary>The items of a keyed list with the node of their key (where a warning about the item points).</summary>
    private static IEnumerable<(string Key, DocNode Node, DocMapping Item)> KeyedItems(DocMapping root, string section, string key) =>
        (root[section] as DocSequence)?.Items.OfType<DocMapping>()
            .Where(item => item[key] is DocScalar)
            .Select(item => (((DocScalar)item[key]!).Value, item[key]!, item)) ?? [];

    /// <summary>
    /// The codes a rule set uses: on a family's ladder, in an effect, on an extra line, as a text constant of any
    /// expression (a claim audit compares lines with them), or as a key or text cell of a table.
    /// </summary>
    private static HashSet<string> CodesUsed(RuleSet ruleSet)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var family in ruleSet.Families)
        {
            used.UnionWith(family.Ladder.Select(s => s.Code));
        }

        foreach (var check in ruleSet.Checks)
        {
            switch (check.Effect)
            {
                case ReplaceEffect replace:
                    used.Add(replace.Code);
                    break;
                case RecodeEffect recode:
                    used.Add(recode.From);
                    used.Add(recode.To);
                    break;
                case AddModifierEffect add:
                    used.UnionWith(add.Codes);
                    break;
            }
        }

        used.UnionWith(ruleSet.ExtraLines.Select(e => e.Code));
        foreach (var expression in Expressions(ruleSet).Select(e => e.Expression))
        {
            Texts(expression.Checked, used);
        }

        foreach (var table in ruleSet.Tables.Values)
        {
            used.UnionWith(table.Keys);
        }

        foreach (var table in ruleSet.DataTables)
        {
            foreach (var row in table.Rows)
            {
                used.UnionWith(row.Cells.Where(c => c.Kind == TypeKind.String).Select(c => c.AsString!));
            }
        }

        return used;

        static void Texts(CheckedNode node, HashSet<string> into)
        {
            if (node is ConstantExpr constant)
            {
                AddTexts(constant.Value, into);
            }

            foreach (var child in node.Children)
            {
                Texts(child, into);
            }
        }

        static void AddTexts(Value value, HashSet<string> into)
        {
            if (value.Kind == TypeKind.String)
            {
                into.Add(value.AsString!);
            }
            else if (value.AsList is { } list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    AddTexts(list[i], into);
                }
            }
        }
    }

    /// <summary>Where an expression is written in a composed document: the item of a section (by id) and its key.</summary>
    private readonly record struct Site(string Section, string? Id, string Key)
    {
        public static Site CheckWhen(string id) => new("checks", id, "when");
    }

    /// <summary>Every compiled expression of a rule set with what it belongs to and where that is written.</summary>
    private static IEnumerable<(CompiledExpression Expression, string What, SourceLocation At, Site Site)> Expressions(RuleSet ruleSet)
    {
        foreach (var check in ruleSet.Checks)
        {
            yield return (check.When, $"check '{check.Id}'", check.ConditionLocation, Site.CheckWhen(check.Id));
            foreach (var placeholder in check.Message.Placeholders)
            {
                yield return (placeholder, $"the message of check '{check.Id}'", check.Location, new Site("checks", check.Id, "message"));
            }
        }

        foreach (var family in ruleSet.Families.Where(f => f.When is not null))
        {
            yield return (family.When!, $"family '{family.Id}'", ruleSet.WrittenAt("family", family.Id) ?? ruleSet.Location, new Site("families", family.Id, "when"));
        }

        foreach (var line in ruleSet.ExtraLines)
        {
            yield return (line.When, $"extra line '{line.Id}'", line.Location, new Site("extraLines", line.Id, "when"));
        }

        if (ruleSet.SeparateSidesWhen is { } separate)
        {
            yield return (separate, "laterality.separateSidesWhen", ruleSet.WrittenAt("laterality", "separateSidesWhen") ?? ruleSet.Location, new Site("laterality", null, "separateSidesWhen"));
        }
    }

    /// <summary>The span of what <paramref name="site"/> names (the item itself when the key is inherited), or an empty span.</summary>
    private static SourceSpan SpanOf(DocMapping root, Site site)
    {
        var item = site.Id is null
            ? root[site.Section] as DocMapping
            : (root[site.Section] as DocSequence)?.Items.OfType<DocMapping>().FirstOrDefault(i => (i["id"] as DocScalar)?.Value == site.Id);
        return item?[site.Key]?.Span ?? item?.Span ?? default;
    }

    private static void UnusedLibraries(RuleCatalog catalog, List<Diagnostic> found)
    {
        var imported = catalog.RuleSets.SelectMany(r => r.Bases).ToHashSet(StringComparer.Ordinal);
        foreach (var library in catalog.Libraries.Where(l => !imported.Contains(l.Name)))
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.CR6010_UnusedLibrary, library["library"]!.Span, library.Id));
        }
    }

    private static void Conditions(List<Version> versions, List<Diagnostic> found)
    {
        foreach (var version in versions)
        {
            var ruleSet = version.RuleSet;
            foreach (var (expression, what, at, site) in Expressions(ruleSet).Where(e => e.Site.Key != "message" && e.Expression.Type == ExprType.Boolean))
            {
                var span = SpanOf(version.Composed.Document, site);
                if (expression.IsConstant)
                {
                    if (ReadsParameters(expression, ruleSet) || IsWrittenAsConstant(expression))
                    {
                        continue;
                    }

                    var value = expression.Checked is ConstantExpr { Value.AsBoolean: true };
                    found.Add(Create(DiagnosticDescriptors.CR6005_ConstantCondition, span, at, what, value ? "true" : "false", string.Empty,
                        value ? "write 'when: true' if it is meant to hold always, or correct it" : $"{what} never fires; correct the condition, or remove it"));
                    continue;
                }

                if (Contradiction(expression.Checked) is { } pair)
                {
                    found.Add(Create(DiagnosticDescriptors.CR6006_ContradictoryCondition, span, at, what, pair.Left, pair.Right, what));
                }
                else if (Tautology(expression.Checked) is { } both)
                {
                    found.Add(Create(DiagnosticDescriptors.CR6005_ConstantCondition, span, at, what, "true", $" ('{both.Left}' or '{both.Right}' always holds)",
                        "write 'when: true' if it is meant to hold always, or correct it"));
                }
            }

            Shadowed(version, found);
        }
    }

    private static Diagnostic Create(DiagnosticDescriptor descriptor, SourceSpan span, SourceLocation at, params object?[] arguments) =>
        span.Source is null ? Diagnostic.Create(descriptor, at, arguments) : Diagnostic.Create(descriptor, span, arguments);

    /// <summary>True when a definition or condition of the expression reads <c>params.*</c>: a switch the version set.</summary>
    private static bool ReadsParameters(CompiledExpression expression, RuleSet ruleSet)
    {
        if (ParamsPattern().IsMatch(expression.Text))
        {
            return true;
        }

        return ruleSet.Definitions.Any(d => expression.DefinitionsRead.Contains(d.Name) && ParamsPattern().IsMatch(d.Text));
    }

    /// <summary>A condition written as the literal <c>true</c> says what it means; only a computed constant is a warning.</summary>
    private static bool IsWrittenAsConstant(CompiledExpression expression) => expression.Text.Trim() == "true";

    /// <summary>The operands of an <c>and</c> chain (through definitions) that cannot both hold: <c>x</c> and <c>not x</c>, or one value equal to two constants.</summary>
    private static (string Left, string Right)? Contradiction(CheckedNode root)
    {
        var operands = Operands(root, isAnd: true);
        if (operands.Count < 2)
        {
            return null;
        }

        var forms = operands.Select(o => (Node: o, Form: CanonicalForm.Of(o))).ToList();
        var byForm = forms.GroupBy(f => f.Form, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Node, StringComparer.Ordinal);
        foreach (var (node, _) in forms)
        {
            var negated = CanonicalForm.Of(new NotExpr(node.Start, node.Length, node));
            if (byForm.ContainsKey(negated))
            {
                return (Describe(node), "not " + Describe(node));
            }
        }

        var equalities = new Dictionary<string, (CheckedNode Node, Value Value, bool Equal)>(StringComparer.Ordinal);
        foreach (var (node, _) in forms)
        {
            if (Comparison(node) is not { } comparison)
            {
                continue;
            }

            if (equalities.TryGetValue(comparison.Subject, out var earlier)
                && ((earlier.Equal && comparison.Equal && !earlier.Value.Equals(comparison.Value))
                    || (earlier.Equal != comparison.Equal && earlier.Value.Equals(comparison.Value))))
            {
                return (Describe(earlier.Node), Describe(node));
            }

            if (comparison.Equal || !equalities.ContainsKey(comparison.Subject))
            {
                equalities[comparison.Subject] = (node, comparison.Value, comparison.Equal);
            }
        }

        return null;
    }

    /// <summary>The operands of an <c>or</c> chain of which one always holds: <c>x</c> or <c>not x</c>.</summary>
    private static (string Left, string Right)? Tautology(CheckedNode root)
    {
        var operands = Operands(root, isAnd: false);
        var forms = operands.Select(CanonicalForm.Of).ToHashSet(StringComparer.Ordinal);
        foreach (var node in operands)
        {
            if (forms.Contains(CanonicalForm.Of(new NotExpr(node.Start, node.Length, node))))
            {
                return (Describe(node), "not " + Describe(node));
            }
        }

        return null;
    }

    /// <summary><c>subject == constant</c> (or <c>!=</c>), by the subject's canonical form.</summary>
    private static (string Subject, Value Value, bool Equal)? Comparison(CheckedNode node)
    {
        if (node is not CallExpr { Function.Name: "==" or "!=" } call || call.Arguments.Length != 2)
        {
            return null;
        }

        var (subject, constant) = call.Arguments[1] is ConstantExpr c1 ? (call.Arguments[0], c1) : call.Arguments[0] is ConstantExpr c0 ? (call.Arguments[1], c0) : (null, null);
        return subject is null || subject is ConstantExpr || constant!.Value.IsNull
            ? null
            : (CanonicalForm.Of(subject), constant.Value, call.Function.Name == "==");
    }

    /// <summary>The operands of a chain of one kind, through definitions and nested chains of the same kind; a lone condition is its own operand.</summary>
    private static List<CheckedNode> Operands(CheckedNode root, bool isAnd)
    {
        var operands = new List<CheckedNode>();
        Collect(root);
        return operands;

        void Collect(CheckedNode node)
        {
            switch (node)
            {
                case DefinitionExpr d:
                    Collect(d.Body);
                    return;
                case HoistedExpr h:
                    Collect(h.Original);
                    return;
                case AndExpr all when isAnd:
                    foreach (var operand in all.Operands)
                    {
                        Collect(operand);
                    }

                    return;
                case OrExpr chain when !isAnd:
                    foreach (var operand in chain.Operands)
                    {
                        Collect(operand);
                    }

                    return;
                default:
                    operands.Add(node);
                    return;
            }
        }
    }

    private static string Describe(CheckedNode node)
    {
        var form = CanonicalForm.Of(node);
        return form.Length <= 80 ? form : string.Concat(form.AsSpan(0, 77), "...");
    }

    /// <summary>
    /// CR6009: a check after a procedure-scope stop whose condition includes all of one alternative of the stop's
    /// condition (as <c>and</c> operands) can never fire: the stop always came first.
    /// </summary>
    private static void Shadowed(Version version, List<Diagnostic> found)
    {
        var stops = new List<(Check Check, List<HashSet<string>> Alternatives)>();
        foreach (var check in version.RuleSet.Checks)
        {
            if (check.Scope is not (CheckScope.Procedure or CheckScope.Joint or CheckScope.Nerve))
            {
                continue;
            }

            var conjuncts = Operands(check.When.Checked, isAnd: true).Select(CanonicalForm.Of).ToHashSet(StringComparer.Ordinal);
            if (check.When.IsConstant && check.When.Checked is ConstantExpr { Value.AsBoolean: true })
            {
                conjuncts.Clear();
            }

            var shadow = stops.FirstOrDefault(s => s.Alternatives.Any(a => a.IsSubsetOf(conjuncts)));
            if (shadow.Check is { } stop)
            {
                found.Add(Create(DiagnosticDescriptors.CR6009_ShadowedCheck, SpanOf(version.Composed.Document, Site.CheckWhen(check.Id)), check.ConditionLocation,
                    $"Check '{check.Id}'", stop.Id, stop.Location.Line.ToString(CultureInfo.InvariantCulture)));
            }

            var neverHolds = check.When.IsConstant && check.When.Checked is not ConstantExpr { Value.AsBoolean: true };
            if (check.Effect is StopEffect && check.Scope == CheckScope.Procedure && !neverHolds)
            {
                var alternatives = check.When.IsConstant
                    ? [[]]
                    : Operands(check.When.Checked, isAnd: false).Select(a => Operands(a, isAnd: true).Select(CanonicalForm.Of).ToHashSet(StringComparer.Ordinal)).ToList();
                stops.Add((check, alternatives));
            }
        }
    }

    /// <summary>CR6008: a message whose literal text names a loaded rule set, which <c>{ruleSet.id}</c> would say.</summary>
    private static void Messages(RuleCatalog catalog, List<Version> versions, List<Diagnostic> found)
    {
        var ids = catalog.RuleSets.Select(r => r.Id).Concat(catalog.Templates.Select(t => t.Id)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(id => id.Length).ToList();
        foreach (var version in versions)
        {
            foreach (var check in version.RuleSet.Checks)
            {
                var literal = string.Concat(check.Message.Literals);
                var typed = ids.FirstOrDefault(id => Regex.IsMatch(literal, $@"(?<![\w-]){Regex.Escape(id)}(?![\w-])", RegexOptions.None, TimeSpan.FromSeconds(1)));
                if (typed is null)
                {
                    continue;
                }

                var own = typed == version.RuleSet.Id;
                found.Add(Create(DiagnosticDescriptors.CR6008_IdInMessage, SpanOf(version.Composed.Document, new Site("checks", check.Id, "message")), check.Location, $"check '{check.Id}'", typed,
                    own ? "{ruleSet.id} (and {ruleSet.version} for the version)" : "the rule set that is meant, or {ruleSet.id} for this one"));
            }
        }
    }

    /// <summary>
    /// CR6007: a case in <c>X.tests.yaml</c> beside the version file <c>X.yaml</c> dated where another version (or none)
    /// is in force. It runs, but tests something other than its neighbour, which a reader of the folder assumes.
    /// </summary>
    private static void TestsOutsideTheirVersion(RuleCatalog catalog, List<Diagnostic> found)
    {
        var byFile = catalog.RuleSets.GroupBy(r => Path.GetFullPath(r.Location.Path), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var file in catalog.Tests.Where(t => t.Template is null))
        {
            var path = Path.GetFullPath(file.Location.Path);
            if (!path.EndsWith(".tests.yaml", StringComparison.Ordinal)
                || !byFile.TryGetValue(path[..^".tests.yaml".Length] + ".yaml", out var version)
                || version.Id != file.RuleSetId)
            {
                continue;
            }

            foreach (var testCase in file.Cases)
            {
                // The test format's documented boundary cases: the day before the version starts, and the day after it ends.
                if (DateOfService(testCase) is not { } date || version.Effective.Contains(date)
                    || (date < DateOnly.MaxValue && date.AddDays(1) == version.Effective.From)
                    || (date > DateOnly.MinValue && version.Effective.Until is { } until && date.AddDays(-1) == until))
                {
                    continue;
                }

                var inForce = catalog.RuleSets.FirstOrDefault(r => r.Id == version.Id && r.Effective.Contains(date));
                var (tests, move) = inForce is null
                    ? ($"a date no version of {version.Id} is in force on", "a file of its own that says so")
                    : ($"{inForce.Id}@{inForce.Version}", Path.GetFileName(Path.ChangeExtension(inForce.Location.Path, ".tests.yaml")));
                found.Add(Diagnostic.Create(DiagnosticDescriptors.CR6007_TestOutsideVersion, testCase.Location,
                    testCase.Name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{version.Id}@{version.Version}", version.Effective, tests, move));
            }
        }
    }

    private static DateOnly? DateOfService(RuleTestCase testCase)
    {
        try
        {
            using var json = JsonDocument.Parse(testCase.EncounterJson);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("dateOfService", out var value)
                && value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"(?<![\w.])params\s*\.")]
    private static partial Regex ParamsPattern();

}
