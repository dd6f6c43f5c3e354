using CodingRules.Composition;
using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Testing;
using CodingRules.Text;

namespace CodingRules.Catalog;

/// <summary>
/// Loads rule and test files through the stages: read, YAML, schema (one file at a time), then composition and
/// compilation (over all files at once, since a rule set may build on another file).
/// </summary>
internal static class RuleFileLoader
{
    /// <summary>A rule document or a test file read from <paramref name="path"/>; null when it has errors.</summary>
    public static object? ReadFile(string path, DiagnosticBag bag, SchemaCheckCache? cache = null) =>
        RuleFileReader.Read(path, bag) is { } source ? ReadText(source, bag, cache) : null;

    /// <summary>
    /// A rule document (rule set, template or library) or a test file, schema-checked. A rule document with errors is
    /// returned marked (<see cref="RuleDocument.HasErrors"/>) so its expressions are still checked; a test file with
    /// errors, or a file that is not YAML, gives null. With <paramref name="cache"/>, a text that passed the schema
    /// check before is not checked again.
    /// </summary>
    public static object? ReadText(SourceText source, DiagnosticBag bag, SchemaCheckCache? cache = null)
    {
        var local = new DiagnosticBag();
        var root = YamlDocumentReader.Read(source, local);
        object? result = null;
        if (root is DocMapping map && map["tests"] is not null && map["ruleSet"] is null && map["library"] is null)
        {
            CheckSchema(static () => SchemaValidator.RuleSetTests, "ruleset-tests", source, root, local, cache);
            result = RuleTestFile.Read(map, local);
        }
        else if (root is DocMapping ruleMap && RuleDocument.From(ruleMap) is { } document)
        {
            CheckSchema(static () => SchemaValidator.RuleSet, "ruleset", source, root, local, cache);
            KindRequirements.CheckFile(ruleMap, local);
            result = document;
        }
        else if (root is not null)
        {
            local.Add(Diagnostic.Create(DiagnosticDescriptors.CR4014_ReservedName, root.Span));
        }

        bag.AddRange(local.ToSortedArray());
        return result is RuleDocument read ? read with { HasErrors = local.HasErrors } : local.HasErrors ? null : result;
    }

    /// <summary>
    /// <see cref="ReadFile"/> for each of <paramref name="paths"/>, on all cores; the results and the diagnostics are
    /// in the order of the paths, as read one after the other.
    /// </summary>
    public static object?[] ReadFiles(IReadOnlyList<string> paths, DiagnosticBag bag, SchemaCheckCache? cache = null) =>
        InParallel(paths, (path, local) => ReadFile(path, local, cache), bag);

    /// <summary>
    /// The schema check, skipped for a text <paramref name="cache"/> saw pass; a pass with no diagnostic is recorded.
    /// The validator is asked for only when it runs: when every file passed before, the JSON Schema library is never
    /// started.
    /// </summary>
    private static void CheckSchema(Func<SchemaValidator> validator, string schema, SourceText source, DocNode root, DiagnosticBag bag, SchemaCheckCache? cache)
    {
        if (cache is null)
        {
            validator().Validate(root, bag);
            return;
        }

        var key = SchemaCheckCache.KeyOf(schema, source.Content);
        if (cache.Passed(key))
        {
            return;
        }

        var found = new DiagnosticBag();
        validator().Validate(root, found);
        if (found.Count == 0)
        {
            cache.Add(key);
        }

        bag.AddRange(found.ToSortedArray());
    }

    /// <summary>
    /// Compiles the composed rule sets, on all cores; the ones with errors are left out (their diagnostics say why).
    /// The rule sets and the diagnostics are in the order of <paramref name="composed"/>.
    /// </summary>
    public static List<RuleSet> Compile(IEnumerable<ComposedRuleSet> composed, DiagnosticBag bag, CompileOptions options)
    {
        var compiled = InParallel([.. composed], (c, local) =>
        {
            KindRequirements.CheckComposed(c.Document, local);
            return RuleSetCompiler.Compile(c, local, options) is { } ruleSet && !local.HasErrors && !c.HasErrors ? ruleSet : null;
        }, bag);
        return [.. compiled.OfType<RuleSet>()];
    }

    /// <summary>
    /// Applies <paramref name="work"/> to each item on the thread pool (files and rule sets are independent, and
    /// parsing, schema checks and compilation read only what they are given); each item reports into a bag of its
    /// own, added to <paramref name="bag"/> in item order, so the outcome is the same as one after the other.
    /// </summary>
    private static TResult?[] InParallel<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, DiagnosticBag, TResult?> work, DiagnosticBag bag)
    {
        var results = new TResult?[items.Count];
        var bags = new DiagnosticBag[items.Count];
        Parallel.For(0, items.Count, i =>
        {
            bags[i] = new DiagnosticBag();
            results[i] = work(items[i], bags[i]);
        });
        foreach (var local in bags)
        {
            bag.AddRange(local.ToSortedArray());
        }

        return results;
    }

    /// <summary>
    /// Loads one file held in memory (tests, and hosts that hold rules elsewhere): a rule set that builds on nothing
    /// else, or a test file. A template or a library alone gives null.
    /// </summary>
    public static object? LoadText(SourceText source, DiagnosticBag bag, CompileOptions? options = null)
    {
        var read = ReadText(source, bag);
        if (read is not RuleDocument document)
        {
            return read;
        }

        var local = new DiagnosticBag();
        var composition = Composer.Compose([document], local);
        var compiled = Compile(composition.RuleSets, local, options ?? CompileOptions.Default);
        bag.AddRange(local.ToSortedArray());
        return local.HasErrors || document.HasErrors ? null : compiled.SingleOrDefault();
    }
}
